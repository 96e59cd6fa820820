// Vite build of the dashboard: `npm run build:web` (= vite build web) writes web/dist, which the server serves.
// In development (`npx vite web`), /api is proxied to a running `minsec serve` on port 8080.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
