import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { securityHeadersPlugin } from './deploy/vite-security-headers.ts';
import { defenderSimulator } from './sim/vite-plugin.ts';

export default defineConfig({
  plugins: [
    react(),
    defenderSimulator(),
    securityHeadersPlugin(),
    // Brotli and gzip copies of the built text files beside them (app.js.br, app.js.gz), served by the app's
    // server to browsers that accept them: a phone downloads 114 KiB of first-load script rather than 410.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
  ],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    rollupOptions: {
      // The redirect bridge is a page of its own: msal-browser v5 returns every sign-in response to it.
      input: { main: 'index.html', redirect: 'redirect.html' },
    },
  },
});
