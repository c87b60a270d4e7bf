/**
 * Builds the console into dist/. Workspace packages are compiled from their
 * TypeScript source; a guard refuses anything Node-only (the simulator's `./node`
 * entry, anything of the controller, `node:` modules) so the bundle stays a browser bundle.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const controller = process.env.CROWDCUE_CONTROLLER ?? 'http://127.0.0.1:4300';

/**
 * Cross-origin isolation, as the controller serves the console: SharedArrayBuffer for the
 * crowd view's colour worker (the fallback where WebGL2 is missing).
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Node-only code the console must never pull in. */
const NODE_ONLY = [
  /^node:/,
  /simulator\/src\/node\.ts$/,
  /simulator\/src\/(virtual-transmitter|page-server)\//,
  // The console shares types and the parade compiler with the controller through protocol, never directly.
  /controller\/src\//,
];

function browserOnly(): Plugin {
  return {
    name: 'crowdcue-browser-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || importer.includes('/node_modules/')) return null;
      const hit = (s: string) => NODE_ONLY.some((re) => re.test(s));
      if (hit(source)) throw new Error(`console bundle: ${importer} imports Node-only ${source}`);
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (resolved && hit(resolved.id)) throw new Error(`console bundle: ${importer} imports Node-only ${resolved.id}`);
      return null;
    },
  };
}

export default defineConfig({
  root: at('.'),
  plugins: [browserOnly(), react()],
  resolve: {
    alias: [
      { find: /^@crowdcue\/protocol$/, replacement: at('../protocol/src/index.ts') },
      { find: /^@crowdcue\/simulator\/renderer$/, replacement: at('../simulator/src/renderer/index.ts') },
      { find: /^@crowdcue\/simulator$/, replacement: at('../simulator/src/index.ts') },
    ],
  },
  server: {
    port: 5173,
    headers: ISOLATION_HEADERS,
    proxy: {
      '/api': { target: controller, changeOrigin: false },
      '/socket.io': { target: controller, ws: true, changeOrigin: false },
      '/docs': { target: controller },
    },
  },
  preview: {
    headers: ISOLATION_HEADERS,
    proxy: {
      '/api': { target: controller },
      '/socket.io': { target: controller, ws: true },
    },
  },
  build: {
    outDir: at('dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
