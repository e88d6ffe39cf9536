import packageJson from '../package.json' with { type: 'json' }

/** The version of `@conto/client-core`, shown in error messages and the `x-conto-client` header. */
export const VERSION: string = packageJson.version

/** `@conto/client-core@<version>`. */
export const PACKAGE_ID = `@conto/client-core@${VERSION}`
