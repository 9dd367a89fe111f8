import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The UI lives in ui/; the built files go to dist/, which tauri.conf.json embeds.
export default defineConfig({
  root: 'ui',
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'safari16',
    // One CSS file, no inline <style>: the CSP allows only 'self' scripts.
    cssCodeSplit: false,
  },
  server: { port: 5173, strictPort: true },
  test: {
    root: '.',
    include: ['ui/src/**/*.test.ts'],
    environment: 'node',
  },
});
