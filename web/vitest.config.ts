import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    name: '@atelier/web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // jsdom tests on two busy CI cores (a 1000-node event burst, a full editor render) can
    // pass vitest's 5 s default without anything being wrong.
    testTimeout: 20_000,
  },
});
