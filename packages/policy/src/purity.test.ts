import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

/** The evaluator is pure: it imports only @conto/schemas and itself, and never reads the clock or randomness. */
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
        ? [join(dir, entry.name)]
        : [],
  )

describe('@conto/policy sources', () => {
  const files = sourceFiles(import.meta.dirname)

  test.each(files.map((file) => [file.slice(import.meta.dirname.length + 1), file]))(
    'behavior: %s is pure',
    (_, file) => {
      // Comments may show usage such as `now: new Date()`; only code counts.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
      const specifiers = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1])
      for (const specifier of specifiers) {
        expect(specifier === '@conto/schemas' || specifier?.startsWith('.'), specifier).toBe(true)
      }
      expect(text).not.toMatch(
        /Date\.now\(|Math\.random\(|new Date\(\)|performance\.now\(|crypto\./,
      )
    },
  )
})
