import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/**
 * The environment for child processes that need `pnpm` on PATH (turbo runs every task through
 * it). Under `corepack pnpm run …` pnpm itself is not on PATH, so when it is missing a shim that
 * re-runs the very pnpm executing this script (`npm_execpath`) is put in front of PATH.
 */
export function envWithPnpm(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }
  if (spawnSync('pnpm', ['--version'], { env, stdio: 'ignore' }).status === 0) return env
  const pnpmEntry = process.env.npm_execpath
  if (!pnpmEntry) throw new Error('pnpm is not on PATH: run this through `corepack pnpm run …`')
  const shimDir = join(root, 'node_modules', '.cache', 'conto-bin')
  mkdirSync(shimDir, { recursive: true })
  const shim = join(shimDir, 'pnpm')
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${pnpmEntry}" "$@"\n`)
  chmodSync(shim, 0o755)
  env.PATH = `${shimDir}${delimiter}${env.PATH ?? ''}`
  return env
}
