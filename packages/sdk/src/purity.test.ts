import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

/**
 * The client runs on any runtime with `fetch` and WebCrypto: its sources import only the Conto
 * packages, their own modules and the package manifest (for the version), never `node:` modules,
 * `Buffer` or `process` directly.
 */
const allowed = new Set([
  '@conto/client-core',
  '@conto/schemas',
  '@conto/admin',
  'zod',
  '../package.json',
])

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  )

describe('@conto/sdk sources', () => {
  const files = sourceFiles(import.meta.dirname)

  test.each(files.map((file) => [file.slice(import.meta.dirname.length + 1), file]))(
    'behavior: %s runs without Node built-ins',
    (_, file) => {
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
      const specifiers = [...text.matchAll(/(?:from|import)\s*\(?'([^']+)'/g)].map((m) => m[1])
      for (const specifier of specifiers) {
        expect(
          allowed.has(specifier ?? '') ||
            specifier?.startsWith('./') ||
            specifier?.startsWith('../'),
          specifier,
        ).toBe(true)
      }
      expect(text).not.toMatch(/\bBuffer\b|\brequire\(|\bprocess\./)
    },
  )

  test.each(files.map((file) => [file.slice(import.meta.dirname.length + 1), file]))(
    'behavior: %s reads the sdk endpoint groups, not the whole registry',
    (_, file) => {
      // `endpoints` references every endpoint of the API, so a bundle could drop none of them:
      // a `Conto`-only bundle would carry the organization API's schemas too.
      const text = readFileSync(file, 'utf8')
      expect(text).not.toMatch(/\bendpoints\.\w+\.\w+|\b(endpointList|getEndpoint|findEndpoint)\b/)
    },
  )
})
