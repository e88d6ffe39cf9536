/**
 * Reads an environment variable where a `process` global exists (Node, Bun, Deno's Node
 * compatibility) and returns `undefined` elsewhere (browsers, edge runtimes), so the package never
 * needs a `node:` import. Blank values count as unset.
 */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env
  const value = env?.[name]?.trim()
  return value ? value : undefined
}
