import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedVitestConfig } from '../../vitest.shared.js'

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      name: '@conto/client-core',
      coverage: {
        provider: 'v8',
        include: ['src/**/*.ts'],
        exclude: ['src/**/*.test.ts', 'src/index.ts'],
        reporter: ['text-summary'],
        thresholds: { lines: 95 },
      },
    },
  }),
)
