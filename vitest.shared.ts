import { defineConfig } from 'vitest/config'

/**
 * The vitest settings every package shares: read workspace packages from `src/` through the
 * `@conto/source` export condition, and write a JSON report that `scripts/ci.ts` sums up.
 */
export const sharedVitestConfig = defineConfig({
  resolve: {
    conditions: ['@conto/source'],
  },
  ssr: {
    resolve: {
      conditions: ['@conto/source'],
    },
  },
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
})
