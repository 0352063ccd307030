import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { securityHeadersPlugin } from './deploy/vite-security-headers.ts';
import { defenderSimulator } from './sim/vite-plugin.ts';

export default defineConfig({
  plugins: [react(), defenderSimulator(), securityHeadersPlugin()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    rollupOptions: {
      // The redirect bridge is a page of its own: msal-browser v5 returns every sign-in response to it.
      input: { main: 'index.html', redirect: 'redirect.html' },
    },
  },
});
