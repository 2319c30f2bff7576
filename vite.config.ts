import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app:// in Electron and from the loopback server in browser mode:
// relative asset paths work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The translations (~260 KB of JSON) become JSON.parse of a string rather than object literals: parsed and built
  // several times faster as the page starts.
  json: { stringify: true, namedExports: false },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // Modules run in source order whatever chunk they land in: main.tsx imports app/startCalls first so a fresh open's
    // calls go out before the translations, the session store and the rest are evaluated; without this a shared chunk
    // (i18n, the stores) ran whole before the entry chunk's own code.
    rolldownOptions: { output: { strictExecutionOrder: true } },
  },
});
