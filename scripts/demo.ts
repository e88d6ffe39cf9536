/**
 * The README's first command: build the reference server (and what it depends on), then start
 * it on http://127.0.0.1:3006 with a seeded demo organization whose credentials it prints.
 * Extra arguments are passed to `conto-server start` (e.g. `--port 4000`).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { envWithPnpm } from './env-with-pnpm.js'

const root = join(import.meta.dirname, '..')
const serverDir = join(root, 'packages', 'server')

if (!existsSync(join(serverDir, 'package.json'))) {
  console.error('The reference server (@conto/server) is not in this checkout yet.')
  process.exit(1)
}

const env = envWithPnpm(root)
const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@conto/server...'], {
  cwd: root,
  env,
  stdio: 'inherit',
})
if (build.status !== 0) process.exit(build.status ?? 1)

const server = spawnSync(
  process.execPath,
  [join(serverDir, 'dist', 'cli.js'), 'start', '--seed', ...process.argv.slice(2)],
  { cwd: root, env, stdio: 'inherit' },
)
process.exit(server.status ?? 0)
