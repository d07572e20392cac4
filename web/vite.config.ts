import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API lives on the server (DESIGN.md §2: one port, 8787); in dev, vite proxies /api to it.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8787', changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
