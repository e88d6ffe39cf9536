import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedVitestConfig } from '../../vitest.shared.js'

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      name: '@conto/sdk',
      // `*.test-d.ts` files hold the type tests (`expectTypeOf`), checked by tsc on every run.
      typecheck: { enabled: true, tsconfig: './tsconfig.json' },
    },
  }),
)
