import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  // ky ships ESM only; bundling it keeps `require('@conto/client-core')` working on every Node 20.x.
  noExternal: ['ky'],
})
