import { defineConfig } from 'vitest/config';

// One vitest run covers every package: unit tests beside the code, integration and
// browser end-to-end tests under test/. Benchmarks are not tests (see `pnpm bench`).
export default defineConfig({
  test: {
    projects: ['packages/*', 'server', 'web', 'test'],
  },
});
