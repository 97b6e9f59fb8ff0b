import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer only: main and preload are bundled by scripts/build-main.mjs.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: false, target: 'chrome130' },
});
