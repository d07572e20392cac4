import { defineProject } from 'vitest/config';

// Engine tests step through real event-loop turns under fake timers (rate-limit backoff,
// cancellation); on two busy CI cores one can pass vitest's 5 s default with nothing wrong.
export default defineProject({
  test: {
    name: '@atelier/engine',
    testTimeout: 20_000,
  },
});
