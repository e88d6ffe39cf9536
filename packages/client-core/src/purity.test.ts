import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

/**
 * The client runs on any runtime with `fetch` and WebCrypto: its sources import only
 * `@conto/schemas`, their own modules and the package manifest (for the version), never
 * `node:` modules, `Buffer` or `process` directly. No HTTP library either: the transport is
 * `Request` + the `fetch` in use.
 */
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
        ? [join(dir, entry.name)]
        : [],
  )

describe('@conto/client-core sources', () => {
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
          specifier === '@conto/schemas' ||
            specifier === '../package.json' ||
            specifier?.startsWith('./') ||
            specifier?.startsWith('../'),
          specifier,
        ).toBe(true)
      }
      expect(text).not.toMatch(/\bBuffer\b|\brequire\(|\bprocess\./)
    },
  )
})
