import { en } from 'zod/locales'
import * as z from 'zod/mini'

/**
 * Loads zod's English messages unless a locale is already configured. zod (classic) does this on
 * its first schema; zod/mini never does, and every failure would read a bare "Invalid input".
 * Called at the top of the modules every schema depends on, so it runs before any parse.
 */
export function ensureEnglishMessages(): void {
  if (!z.config().localeError) z.config(en())
}
