import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

/**
 * What a user installs is `dist/`, not `src/`: every published package must load through both
 * `import` and `require` in a plain Node process that resolves it by name, without the
 * `@conto/source` condition the rest of the workspace reads `src/` through. Runs after
 * `pnpm build` (turbo's `@conto/tests#test` depends on `^build`; `scripts/ci.ts` builds first).
 */
const testsDir = join(dirname(fileURLToPath(import.meta.url)), '..')

const AGENT_KEY = `conto_agent_${'0'.repeat(64)}`
const ORG_KEY = `conto_${'0'.repeat(64)}`

/** Each package, a key export, and a smoke check run against the loaded module `m`. */
const packages = [
  {
    name: '@conto/schemas',
    key: 'requestPaymentParamsSchema',
    smoke: `m.requestPaymentParamsSchema.safeParse({ amount: 1, recipientAddress: '0x${'a'.repeat(40)}' }).success && !m.requestPaymentParamsSchema.safeParse({ amount: 'x' }).success`,
  },
  { name: '@conto/policy', key: 'evaluatePolicy', smoke: `typeof m.evaluatePolicy === 'function'` },
  {
    name: '@conto/client-core',
    key: 'createTransport',
    smoke: `m.createTransport({ baseUrl: 'http://conto.test' }).baseUrl === 'http://conto.test'`,
  },
  {
    name: '@conto/sdk',
    key: 'Conto',
    smoke: `typeof new m.Conto({ apiKey: '${AGENT_KEY}' }).payments.request === 'function'`,
  },
  {
    name: '@conto/admin',
    key: 'ContoAdmin',
    smoke: `typeof new m.ContoAdmin({ orgApiKey: '${ORG_KEY}' }).agents.list === 'function'`,
  },
  { name: '@conto/server', key: 'createApp', smoke: `typeof m.createApp === 'function'` },
] as const

interface Loaded {
  resolved: string
  keys: string[]
  hasKey: boolean
  smoke: boolean
}

/** Loads `name` through `import` and `require` in a fresh Node process run from `tests/`. */
function load(name: string, key: string, smoke: string): { esm: Loaded; cjs: Loaded } {
  const script = `
    import { createRequire } from 'node:module'
    const name = ${JSON.stringify(name)}
    const require = createRequire(${JSON.stringify(join(testsDir, 'package.json'))})
    const esm = await import(name)
    const cjs = require(name)
    const describe = (resolved, m) => ({
      resolved,
      keys: Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort(),
      hasKey: m[${JSON.stringify(key)}] !== undefined,
      smoke: Boolean(${smoke}),
    })
    process.stdout.write(JSON.stringify({
      esm: describe(import.meta.resolve(name), esm),
      cjs: describe(require.resolve(name), cjs),
    }))
  `
  const env = { ...process.env }
  // Vitest's workers may pass loader or condition flags on; the user's Node has none.
  delete env['NODE_OPTIONS']
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: testsDir,
    env,
    encoding: 'utf8',
  })
  return JSON.parse(output) as { esm: Loaded; cjs: Loaded }
}

describe('built packages', () => {
  test.each(packages)(
    'behavior: $name loads through import and require',
    ({ name, key, smoke }) => {
      const packageDir = join(testsDir, 'node_modules', ...name.split('/'))
      expect(
        existsSync(join(packageDir, 'dist', 'index.js')) &&
          existsSync(join(packageDir, 'dist', 'index.cjs')),
        `${name} has no dist/: run \`pnpm build\` first`,
      ).toBe(true)

      const { esm, cjs } = load(name, key, smoke)

      expect(esm.resolved).toMatch(/\/dist\/index\.js$/)
      expect(cjs.resolved).toMatch(/\/dist\/index\.cjs$/)
      expect(esm.hasKey, `import('${name}').${key}`).toBe(true)
      expect(cjs.hasKey, `require('${name}').${key}`).toBe(true)
      expect(esm.smoke, `import('${name}'): ${smoke}`).toBe(true)
      expect(cjs.smoke, `require('${name}'): ${smoke}`).toBe(true)
      // The two builds expose the same public API.
      expect(cjs.keys).toEqual(esm.keys)
    },
  )
})
