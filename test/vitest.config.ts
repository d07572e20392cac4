import { defineProject } from 'vitest/config';

// Integration and browser tests start real servers, SQLite files and the fake API: on two
// busy CI cores they need more than vitest's 5 s default.
export default defineProject({
  test: {
    name: '@atelier/test',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
