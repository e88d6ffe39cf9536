import * as z from 'zod/mini'
import { defaults } from './defaults.js'

/**
 * Body fields the payment requests share — `POST /api/sdk/payments/request`, the external-wallet
 * `approve` and the card `approve`. Internal to the package (not re-exported): each body
 * schema that uses them is the public contract.
 */

export const recipientNameSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(200, 'recipientName must be at most 200 characters'))

export const purposeSchema = z
  .string()
  .check(z.maxLength(500, 'purpose must be at most 500 characters'))

export const categorySchema = z
  .string()
  .check(z.minLength(1), z.maxLength(100, 'category must be at most 100 characters'))

/** A body `idempotencyKey`: 1–128 characters. */
export const bodyIdempotencyKeySchema = z
  .string()
  .check(
    z.minLength(1, 'idempotencyKey must not be empty'),
    z.maxLength(
      defaults.idempotencyKeyMaxLength,
      `idempotencyKey must be at most ${defaults.idempotencyKeyMaxLength} characters`,
    ),
  )
