/**
 * Fails when an error code of `@conto/schemas` has no page at `docs/errors/<CODE>.md`, or when a
 * page exists for a code that is no longer in the table, or a page does not state its status.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorCodes, statusByErrorCode } from '../packages/schemas/src/errors.js'

const dir = join(import.meta.dirname, '..', 'docs', 'errors')
const problems: string[] = []

for (const code of errorCodes) {
  const page = join(dir, `${code}.md`)
  if (!existsSync(page)) {
    problems.push(`missing docs/errors/${code}.md`)
    continue
  }
  const text = readFileSync(page, 'utf8')
  if (!text.startsWith(`# ${code}`))
    problems.push(`docs/errors/${code}.md must start with "# ${code}"`)
  const status = statusByErrorCode[code]
  if (!text.includes(`HTTP status: ${status === 0 ? 'none' : status}`)) {
    problems.push(
      `docs/errors/${code}.md must state "HTTP status: ${status === 0 ? 'none' : status}"`,
    )
  }
}
const known = new Set<string>(errorCodes)
for (const file of existsSync(dir) ? readdirSync(dir) : []) {
  const code = file.replace(/\.md$/, '')
  if (file !== 'README.md' && !known.has(code))
    problems.push(`docs/errors/${file} documents an unknown code`)
}

if (problems.length > 0) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log(`docs/errors: ${errorCodes.length} codes, every one documented`)
