import { defineConfig } from 'vite';

/**
 * The server (server/main.ts, with the relay and the core it imports) built to plain JavaScript for Node:
 * `npm run build` writes server/dist/main.js, which `npm run serve` runs with `node`. Its npm dependencies
 * stay imports (server/package.json lists them); only this repository's own TypeScript is bundled.
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'server/main.ts',
    outDir: 'server/dist',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      // Every bare import (an npm package, a node: module) stays an import, wherever npm put the package
      // (server/node_modules or the root's): only this repository's own files are bundled.
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      output: { entryFileNames: 'main.js' },
    },
  },
});
