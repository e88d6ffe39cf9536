import { defineConfig, type Options } from 'tsup'

const shared: Options = {
  format: ['esm', 'cjs'],
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // `import.meta.url` (migrations folder, swagger-ui assets) in the CJS build.
  shims: true,
}

export default defineConfig([
  {
    ...shared,
    entry: ['src/index.ts'],
    dts: true,
    // The two builds run in parallel: leave the bin's files alone.
    clean: ['!cli.*'],
  },
  {
    ...shared,
    entry: ['src/cli.ts'],
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  },
])
