import { readFile } from 'node:fs/promises'
import { defineConfig, type Options } from 'tsup'
import ts from 'typescript'

/**
 * Wraps each top-level constant that runs code (`z.object(…)`, `defineEndpoint(…)`, a spread, a
 * property read) in an IIFE marked `/* @__PURE__ *\/`, so a bundler drops every schema a client
 * never reaches, not only whole modules: it must otherwise assume that building a schema has side
 * effects. This is how TypeScript emits enums and classes for the same reason; minifiers unwrap
 * the IIFEs they keep. Top-level statements that run for their effect (`ensureEnglishMessages()`)
 * are left alone.
 */
const pureConstants: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'conto-pure-constants',
  setup(build) {
    build.onLoad({ filter: /\/src\/.*\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8')
      const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
      const edits: Array<[start: number, end: number]> = []
      for (const statement of file.statements) {
        if (!ts.isVariableStatement(statement)) continue
        for (const { initializer } of statement.declarationList.declarations) {
          if (initializer && runsCode(initializer)) {
            edits.push([initializer.getStart(file), initializer.getEnd()])
          }
        }
      }
      let out = text
      for (const [start, end] of edits.reverse()) {
        out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`
      }
      return { contents: out, loader: 'ts' }
    })
  },
}

/** False for literals, identifiers and functions, and arrays and objects made only of those. */
function runsCode(node: ts.Expression): boolean {
  if (
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isParenthesizedExpression(node)
  ) {
    return runsCode(node.expression)
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.some(runsCode)
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some(
      (property) =>
        !ts.isPropertyAssignment(property) ||
        ts.isComputedPropertyName(property.name) ||
        runsCode(property.initializer),
    )
  }
  return !(
    ts.isIdentifier(node) ||
    ts.isLiteralExpression(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  )
}

const shared = {
  sourcemap: true,
  target: 'es2022',
  esbuildPlugins: [pureConstants],
} satisfies Options

export default defineConfig([
  {
    ...shared,
    // One module per source file, so a bundler keeps only the modules a client imports
    // (`sideEffects: false`), and within them only the schemas it reaches.
    entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts'],
    format: ['esm'],
    bundle: false,
    dts: { entry: 'src/index.ts' },
    // The two builds run in parallel: leave the CJS build's files alone.
    clean: ['!index.cjs', '!index.cjs.map'],
  },
  {
    ...shared,
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: { entry: 'src/index.ts' },
  },
])
