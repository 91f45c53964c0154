import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The portal imports the CLI's library (scripts/src) as its one source of chain knowledge: units,
// error decoding, vocabulary, the readers and the calls. Its Node-only parts (files, CSV, the
// terminal) are never reached from the browser and are replaced by stubs that throw; every
// @polkadot package resolves to the portal's own copy (one registry, one set of codec classes).
export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@landchain\/scripts\/(.*)$/, replacement: here('../scripts/src/$1') },
      { find: /^node:fs$/, replacement: here('./src/shims/node-only.ts') },
      { find: /^csv-(parse|stringify)\/sync$/, replacement: here('./src/shims/node-only.ts') },
    ],
    dedupe: [
      '@polkadot/api',
      '@polkadot/keyring',
      '@polkadot/types',
      '@polkadot/types-codec',
      '@polkadot/util',
      '@polkadot/util-crypto',
    ],
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    commonjsOptions: { include: [/node_modules/, /block-events\.cjs$/] },
    rollupOptions: {
      onwarn(warning, warn) {
        // @polkadot/x-global's `/*#__PURE__*/` placement: harmless, and printed at every build.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('@polkadot/x-global')) return;
        warn(warning);
      },
    },
  },
  server: { fs: { allow: ['..'] } },
});
