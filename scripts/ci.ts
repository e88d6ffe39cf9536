/**
 * What CI runs, and the README's test command: lint, typecheck, build, package checks, docs
 * checks and every vitest test in the workspace. Every step runs even when an earlier one fails,
 * so one run reports everything; the last line is always `tests: N passed, M failed`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { envWithPnpm } from './env-with-pnpm.js'

const root = join(import.meta.dirname, '..')
const env = envWithPnpm(root)

const steps: Array<{ name: string; command: string; args: string[] }> = [
  { name: 'lint', command: 'pnpm', args: ['run', 'lint'] },
  { name: 'typecheck', command: 'pnpm', args: ['run', 'typecheck'] },
  { name: 'build', command: 'pnpm', args: ['run', 'build'] },
  { name: 'check:packages', command: 'pnpm', args: ['run', 'check:packages'] },
  { name: 'check:docs', command: 'pnpm', args: ['run', 'check:docs'] },
  { name: 'test', command: 'pnpm', args: ['exec', 'turbo', 'run', 'test', '--continue'] },
]

/** Every workspace folder that can hold a vitest report. */
function workspaceDirs(): string[] {
  const dirs: string[] = []
  for (const group of ['packages', 'examples']) {
    const base = join(root, group)
    if (!existsSync(base)) continue
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(join(base, entry.name))
    }
  }
  dirs.push(join(root, 'tests'))
  return dirs
}

const reportPath = (dir: string) => join(dir, '.vitest-report.json')

for (const dir of workspaceDirs()) rmSync(reportPath(dir), { force: true })

const failedSteps: string[] = []
for (const step of steps) {
  console.log(`\n▶ ${step.name}: ${step.command} ${step.args.join(' ')}`)
  const result = spawnSync(step.command, step.args, { cwd: root, env, stdio: 'inherit' })
  if (result.status !== 0) failedSteps.push(step.name)
}

interface VitestJsonReport {
  success: boolean
  numPassedTests: number
  numFailedTests: number
  numFailedTestSuites: number
}

let passed = 0
let failed = 0
for (const dir of workspaceDirs()) {
  const file = reportPath(dir)
  if (!existsSync(file)) continue
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJsonReport
  passed += report.numPassedTests
  // A file that fails to load has no failed test but a failed suite: count it, so it shows.
  failed += report.numFailedTests || (report.success ? 0 : Math.max(1, report.numFailedTestSuites))
}

if (failedSteps.length > 0) console.log(`\nfailed steps: ${failedSteps.join(', ')}`)
if (passed + failed === 0) {
  console.log('no vitest report was written: no test ran')
  failedSteps.push('no tests')
}
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0)
