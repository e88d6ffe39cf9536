import packageJson from '../package.json' with { type: 'json' }

/** The version of `@conto/admin`, sent in the `x-conto-client` header. */
export const VERSION: string = packageJson.version

/** `@conto/admin@<version>`. */
export const PACKAGE_ID = `@conto/admin@${VERSION}`
