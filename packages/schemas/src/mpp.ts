import * as z from 'zod/mini'
import { chainIdSchema } from './chain.js'
import {
  addressSchema,
  amountSchema,
  enumSchema,
  idSchema,
  toMicros,
  txHashSchema,
} from './common.js'
import {
  refineTxHashAliases,
  serviceDomainSchema,
  servicePaymentSessionIdSchema,
  serviceResourceUrlSchema,
  x402BudgetQuerySchema,
  x402BudgetResponseSchema,
  x402PreAuthorizeResultSchema,
  x402RecordResponseSchema,
  x402ServicesResponseSchema,
} from './x402.js'

/**
 * MPP, the Machine Payment Protocol on Tempo (§2.21): pre-authorize a session deposit or a single
 * charge, open the session, make charges, close it, then record the settled amount. Results,
 * record responses, services and budget share the x402 shapes.
 */

/** `session` = open a session with a deposit; `charge` = one standalone charge. */
export const mppIntents = ['session', 'charge'] as const
export type MppIntent = (typeof mppIntents)[number]
export const mppIntentSchema = enumSchema(mppIntents, 'intent')

/** HTTP methods an MPP call may use (matched by `MPP_ALLOWED_METHODS` rules); upper case. */
export const mppHttpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const
export type MppHttpMethod = (typeof mppHttpMethods)[number]
export const mppHttpMethodSchema = enumSchema(mppHttpMethods, 'method')

/** MPP settles on Tempo only: mainnet `4217` (the default) or testnet `42431`. */
export const mppChainIds = ['4217', '42431'] as const
export const MPP_DEFAULT_CHAIN_ID = '4217'

export const mppChainIdSchema = chainIdSchema.check(
  z.refine((value) => (mppChainIds as readonly string[]).includes(value), {
    message: `MPP settles on Tempo only: chainId must be one of ${mppChainIds.join(', ')}`,
  }),
)

/** Body of `POST /api/sdk/mpp/pre-authorize`. */
export const mppPreAuthorizeParamsSchema = z.object({
  amount: amountSchema(),
  recipientAddress: addressSchema,
  resourceUrl: serviceResourceUrlSchema,
  /** Derived from `resourceUrl` by the server when omitted. */
  serviceDomain: z.optional(serviceDomainSchema),
  intent: mppIntentSchema,
  /** The deposit the session will lock (session intent). */
  depositAmount: z.optional(amountSchema({ description: 'Session deposit in stablecoin units' })),
  sessionId: z.optional(servicePaymentSessionIdSchema),
  method: z.optional(mppHttpMethodSchema),
  walletId: z.optional(idSchema),
  chainId: z.optional(mppChainIdSchema),
})
export type MppPreAuthorizeParams = z.input<typeof mppPreAuthorizeParamsSchema>

/** Same shape as the x402 pre-authorize result. */
export const mppPreAuthorizeResultSchema = x402PreAuthorizeResultSchema
export type MppPreAuthorizeResult = z.infer<typeof mppPreAuthorizeResultSchema>

/** One call settled inside a multi-call record (the top-level fields keep the aggregate). */
export const mppRecordCallSchema = z.object({
  resourceUrl: serviceResourceUrlSchema,
  amount: amountSchema(),
  method: z.optional(mppHttpMethodSchema),
})
export type MppRecordCall = z.input<typeof mppRecordCallSchema>

/**
 * Body of `POST /api/sdk/mpp/record`: the settled amount of a session or charge. With `calls`,
 * the top-level `amount` is the aggregate and must equal the sum of the calls.
 */
export const mppRecordParamsSchema = z
  .object({
    amount: amountSchema(),
    recipientAddress: addressSchema,
    txHash: z.optional(txHashSchema),
    transactionHash: z.optional(txHashSchema),
    resourceUrl: serviceResourceUrlSchema,
    serviceDomain: z.optional(serviceDomainSchema),
    sessionId: servicePaymentSessionIdSchema,
    scheme: z._default(z.literal('mpp', { error: 'scheme must be "mpp" on MPP records' }), 'mpp'),
    walletId: z.optional(idSchema),
    chainId: z._default(mppChainIdSchema, MPP_DEFAULT_CHAIN_ID),
    calls: z.optional(
      z
        .array(mppRecordCallSchema)
        .check(
          z.minLength(1, 'calls must contain 1-1000 calls'),
          z.maxLength(1000, 'calls must contain 1-1000 calls'),
        ),
    ),
  })
  .check(
    z.superRefine(refineTxHashAliases),
    z.superRefine((value, ctx) => {
      if (value.calls === undefined) return
      const total = value.calls.reduce((sum, call) => sum + toMicros(call.amount), 0)
      if (total !== toMicros(value.amount)) {
        ctx.addIssue({
          code: 'custom',
          path: ['calls'],
          message: 'the amounts of calls must add up to the top-level amount',
        })
      }
    }),
  )
export type MppRecordParams = z.input<typeof mppRecordParamsSchema>

/** Same shape as the x402 record response. */
export const mppRecordResponseSchema = x402RecordResponseSchema
export type MppRecordResponse = z.infer<typeof mppRecordResponseSchema>

/** `GET /api/sdk/mpp/services`. */
export const mppServicesResponseSchema = x402ServicesResponseSchema
export type MppServicesResponse = z.infer<typeof mppServicesResponseSchema>

/** Query of `GET /api/sdk/mpp/budget`. */
export const mppBudgetQuerySchema = x402BudgetQuerySchema
export type MppBudgetQuery = z.input<typeof mppBudgetQuerySchema>

/** `GET /api/sdk/mpp/budget`: remaining session and policy budget. */
export const mppBudgetResponseSchema = x402BudgetResponseSchema
export type MppBudgetResponse = z.infer<typeof mppBudgetResponseSchema>
