import packageJson from '../package.json' with { type: 'json' }

/** The version of `@conto/sdk`, sent in the `x-conto-client` header. */
export const VERSION: string = packageJson.version

/** `@conto/sdk@<version>`. */
export const PACKAGE_ID = `@conto/sdk@${VERSION}`
