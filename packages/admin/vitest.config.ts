import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedVitestConfig } from '../../vitest.shared.js'

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      name: '@conto/admin',
      // `*.test-d.ts` files hold the type tests (`expectTypeOf`), checked by tsc inside vitest.
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    },
  }),
)
