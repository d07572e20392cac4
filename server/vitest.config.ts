import { defineProject } from 'vitest/config';

// Server tests drive the real app over HTTP with SQLite and the real SDK against the fake
// API; on two busy cores one of them can take longer than vitest's 5 s default.
export default defineProject({
  test: {
    name: '@atelier/server',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
