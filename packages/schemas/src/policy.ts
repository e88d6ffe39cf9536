import * as z from 'zod/mini'
import {
  amountSchema,
  amountValueSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  queryBooleanSchema,
  successResponseSchema,
} from './common.js'
import { defaults } from './defaults.js'
import {
  normalizeRuleInput,
  policyTypeSchema,
  policyTypes,
  ruleActionSchema,
  ruleActions,
  ruleOperatorSchema,
  ruleOperators,
  ruleTypeSchema,
  ruleTypes,
  ruleValueInputSchema,
} from './rule.js'

/**
 * Policies and their rules (§2.6), agent ↔ policy assignments (§2.3), the agent's effective
 * policies and policy exceptions (§2.17). Rule types, operators and value formats: `rule.ts`.
 */

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/** A rule as the API returns it; `value` is always a string (JSON-encoded for lists/objects). */
export const ruleSchema = z.object({
  id: z.string(),
  ruleType: openEnumSchema(ruleTypes),
  operator: openEnumSchema(ruleOperators),
  value: z.string(),
  action: openEnumSchema(ruleActions),
  createdAt: z.optional(isoTimestampSchema),
})
export type Rule = z.infer<typeof ruleSchema>

/**
 * A rule in a request: `operator` accepts aliases (`LTE`, `GTE`, `IN`, …) and is normalised to
 * the canonical name; `value` is the wire string or native JSON (number, list, object) and is
 * validated against the rule type and stored as a string; `action` defaults to `ALLOW`.
 */
export const ruleInputSchema = z.pipe(
  z.object({
    ruleType: ruleTypeSchema,
    operator: ruleOperatorSchema,
    value: ruleValueInputSchema,
    action: z._default(ruleActionSchema, defaults.policy.ruleAction),
  }),
  z.transform(normalizeRuleInput),
)
export type RuleInputParams = z.input<typeof ruleInputSchema>
/** A validated rule: canonical operator, action resolved, `value` as the string to store. */
export type RuleInput = z.output<typeof ruleInputSchema>

/** Most rules one `POST …/rules` call may add. */
export const MAX_RULES_PER_REQUEST = 50
/** Most rules a policy may be created with or replaced by (`POST /api/policies`, `PUT …/rules`). */
export const MAX_RULES_PER_POLICY = 100

const ruleListSchema = (min: number, max: number) =>
  z
    .array(ruleInputSchema, { error: 'rules must be a list of rules' })
    .check(
      z.minLength(min, min === 0 ? undefined : `rules must contain ${min}-${max} rules`),
      z.maxLength(
        max,
        min === 0
          ? `rules may contain at most ${max} rules`
          : `rules must contain ${min}-${max} rules`,
      ),
    )

const addRulesListSchema = z.object({ rules: ruleListSchema(1, MAX_RULES_PER_REQUEST) })

/** Body of `POST /api/policies/{policyId}/rules` as sent: one bare rule or `{ rules: [...] }`. */
export type AddPolicyRulesParams = RuleInputParams | { rules: RuleInputParams[] }

/**
 * Body of `POST /api/policies/{policyId}/rules`: a single bare rule [C] or `{ rules: [...] }`
 * with 1–50 rules [D]. Either way the parsed body is `{ rules }`.
 */
export const addPolicyRulesParamsSchema = z
  .pipe(
    z.transform<AddPolicyRulesParams, unknown>((body) =>
      typeof body === 'object' && body !== null && !Array.isArray(body) && 'rules' in body
        ? body
        : { rules: [body] },
    ),
    addRulesListSchema,
  )
  .check(
    z.meta({
      description:
        'One rule ({ ruleType, operator, value, action? }) or { rules: [...] } with 1-50 rules',
    }),
  )

/** Body of `PUT /api/policies/{policyId}/rules`: the complete new rule list (may be empty), in order. */
export const setPolicyRulesParamsSchema = z.object({
  rules: ruleListSchema(0, MAX_RULES_PER_POLICY),
})
export type SetPolicyRulesParams = z.input<typeof setPolicyRulesParamsSchema>

/** `GET /api/policies/{policyId}/rules`: the policy's rules in evaluation order. */
export const listPolicyRulesResponseSchema = listEnvelopeSchema('rules', ruleSchema)

/** Query of `GET /api/policies/{policyId}/rules`: a page of the rules, in evaluation order. */
export const listPolicyRulesQuerySchema = paginationQuerySchema
export type ListPolicyRulesQuery = z.input<typeof listPolicyRulesQuerySchema>
export type ListPolicyRulesResponse = z.infer<typeof listPolicyRulesResponseSchema>

/** `POST …/rules`: the rules that were added. */
export const addPolicyRulesResponseSchema = z.object({ rules: z.array(ruleSchema) })
export type AddPolicyRulesResponse = z.infer<typeof addPolicyRulesResponseSchema>

/** `PUT …/rules`: the policy's complete new rule list. */
export const setPolicyRulesResponseSchema = z.object({ rules: z.array(ruleSchema) })
export type SetPolicyRulesResponse = z.infer<typeof setPolicyRulesResponseSchema>

export const deletePolicyRuleResponseSchema = successResponseSchema

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

/**
 * Who a policy applies to: `assigned` = the agents it is assigned to; `org` = every agent of
 * the organization (org-wide).
 */
export const policyScopes = ['assigned', 'org'] as const
export type PolicyScope = (typeof policyScopes)[number]
export const policyScopeSchema = enumSchema(policyScopes, 'scope')

/** An agent a policy is assigned to, as embedded in the policy. */
export const policyAgentAssignmentSchema = z.object({
  id: z.string(),
  agent: z.object({ id: z.string(), name: z.string() }),
})
export type PolicyAgentAssignment = z.infer<typeof policyAgentAssignmentSchema>

/** A policy as the API returns it, with its rules and agent assignments. */
export const policySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  policyType: openEnumSchema(policyTypes),
  priority: z.number().check(z.int()),
  isActive: z.boolean(),
  rules: z.array(ruleSchema),
  agentPolicies: z.array(policyAgentAssignmentSchema),
  scope: openEnumSchema(policyScopes),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type Policy = z.infer<typeof policySchema>

export const policyNameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string'),
  })
  .check(
    z.trim(),
    z.minLength(1, 'name must be 1-100 characters'),
    z.maxLength(100, 'name must be 1-100 characters'),
  )

export const policyDescriptionSchema = z
  .string({ error: 'description must be a string' })
  .check(z.maxLength(500, 'description must be at most 500 characters'))

const { minPriority, maxPriority } = defaults.policy

/** Priority 0–100; higher is evaluated first. */
export const policyPrioritySchema = z
  .number({ error: 'priority must be a number' })
  .check(
    z.int('priority must be a whole number'),
    z.gte(minPriority, `priority must be between ${minPriority} and ${maxPriority}`),
    z.lte(maxPriority, `priority must be between ${minPriority} and ${maxPriority}`),
  )

/** Body of `POST /api/policies`. */
export const createPolicyParamsSchema = z.object({
  name: policyNameSchema,
  description: z.optional(policyDescriptionSchema),
  policyType: policyTypeSchema,
  priority: z._default(policyPrioritySchema, defaults.policy.priority),
  isActive: z._default(
    z.boolean({ error: 'isActive must be true or false' }),
    defaults.policy.isActive,
  ),
  rules: z.optional(ruleListSchema(0, MAX_RULES_PER_POLICY)),
  /** Agents to assign the policy to at creation. */
  agentIds: z.optional(
    z.array(idSchema).check(z.maxLength(100, 'agentIds may contain at most 100 ids')),
  ),
  scope: z.optional(policyScopeSchema),
})
export type CreatePolicyParams = z.input<typeof createPolicyParamsSchema>

/** Body of `PATCH /api/policies/{policyId}` (rules are changed through `…/rules`). */
export const updatePolicyParamsSchema = z.object({
  name: z.optional(policyNameSchema),
  description: z.optional(z.nullable(policyDescriptionSchema)),
  policyType: z.optional(policyTypeSchema),
  priority: z.optional(policyPrioritySchema),
  isActive: z.optional(z.boolean({ error: 'isActive must be true or false' })),
  scope: z.optional(policyScopeSchema),
})
export type UpdatePolicyParams = z.input<typeof updatePolicyParamsSchema>

/** Query of `GET /api/policies`. */
export const listPoliciesQuerySchema = z.extend(paginationQuerySchema, {
  isActive: z.optional(queryBooleanSchema),
  policyType: z.optional(policyTypeSchema),
  /** Only policies assigned to this agent. */
  agentId: z.optional(idSchema),
})
export type ListPoliciesQuery = z.input<typeof listPoliciesQuerySchema>

/** `GET /api/policies`: `{ policies, pagination }`. */
export const listPoliciesResponseSchema = listEnvelopeSchema('policies', policySchema)
export type ListPoliciesResponse = z.infer<typeof listPoliciesResponseSchema>

export const deletePolicyResponseSchema = successResponseSchema

/** Path parameters `{policyId}`. */
export const policyIdParamsSchema = z.object({ policyId: idSchema })

/** Path parameters `{policyId}/rules/{ruleId}`. */
export const policyRuleIdParamsSchema = z.object({ policyId: idSchema, ruleId: idSchema })

// ---------------------------------------------------------------------------------------------
// Agent ↔ policy assignments
// ---------------------------------------------------------------------------------------------

/** One assignment of a policy to an agent. */
export const agentPolicyAssignmentSchema = z.object({
  id: z.string(),
  policyId: z.string(),
  agentId: z.string(),
  policy: policySchema,
  createdAt: isoTimestampSchema,
})
export type AgentPolicyAssignment = z.infer<typeof agentPolicyAssignmentSchema>

/** Body of `POST /api/agents/{agentId}/policies`. */
export const assignAgentPolicyParamsSchema = z.object({
  policyId: idSchema,
})
export type AssignAgentPolicyParams = z.input<typeof assignAgentPolicyParamsSchema>

/** Query of `GET /api/agents/{agentId}/policies`. */
export const listAgentPoliciesQuerySchema = paginationQuerySchema
export type ListAgentPoliciesQuery = z.input<typeof listAgentPoliciesQuerySchema>

/** `GET /api/agents/{agentId}/policies`: `{ policies: [{ id, policyId, agentId, policy, createdAt }], pagination }`. */
export const listAgentPoliciesResponseSchema = listEnvelopeSchema(
  'policies',
  agentPolicyAssignmentSchema,
)
export type ListAgentPoliciesResponse = z.infer<typeof listAgentPoliciesResponseSchema>

/** Query of `DELETE /api/agents/{agentId}/policies?policyId=…` (a query parameter, seed 001). */
export const unassignAgentPolicyQuerySchema = z.object({
  policyId: idSchema,
})
export type UnassignAgentPolicyQuery = z.input<typeof unassignAgentPolicyQuerySchema>

export const unassignAgentPolicyResponseSchema = successResponseSchema

// ---------------------------------------------------------------------------------------------
// SDK: effective policies and policy exceptions
// ---------------------------------------------------------------------------------------------

/** Query of `GET /api/sdk/policies`: the calling agent's effective policies, optionally for one wallet. */
export const listSdkPoliciesQuerySchema = z.extend(paginationQuerySchema, {
  walletId: z.optional(idSchema),
})
export type ListSdkPoliciesQuery = z.input<typeof listSdkPoliciesQuerySchema>

/** `GET /api/sdk/policies`: `{ policies, pagination }`. */
export const listSdkPoliciesResponseSchema = listPoliciesResponseSchema
export type ListSdkPoliciesResponse = z.infer<typeof listSdkPoliciesResponseSchema>

export const policyExceptionStatuses = ['PENDING', 'APPROVED', 'REJECTED'] as const
export type PolicyExceptionStatus = (typeof policyExceptionStatuses)[number]
export const policyExceptionStatusSchema = enumSchema(policyExceptionStatuses, 'status')

/** An agent's request to be excepted from a policy or rule, reviewed by a human. */
export const policyExceptionSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  policyId: z.nullable(z.string()),
  ruleId: z.nullable(z.string()),
  reason: z.string(),
  amount: z.nullable(amountValueSchema),
  status: openEnumSchema(policyExceptionStatuses),
  expiresAt: z.nullable(isoTimestampSchema),
  createdAt: isoTimestampSchema,
})
export type PolicyException = z.infer<typeof policyExceptionSchema>

/** Body of `POST /api/sdk/policy-exceptions`. */
export const createPolicyExceptionParamsSchema = z.object({
  policyId: z.optional(idSchema),
  ruleId: z.optional(idSchema),
  reason: z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'reason is required' : 'reason must be a string',
    })
    .check(
      z.trim(),
      z.minLength(1, 'reason must be 1-1000 characters'),
      z.maxLength(1000, 'reason must be 1-1000 characters'),
    ),
  /** The amount the exception should cover, if it is for one payment. */
  amount: z.optional(amountSchema()),
  /** When the exception should lapse. */
  expiresAt: z.optional(isoTimestampSchema),
})
export type CreatePolicyExceptionParams = z.input<typeof createPolicyExceptionParamsSchema>

/** Query of `GET /api/sdk/policy-exceptions`. */
export const listPolicyExceptionsQuerySchema = z.extend(paginationQuerySchema, {
  status: z.optional(policyExceptionStatusSchema),
  policyId: z.optional(idSchema),
})
export type ListPolicyExceptionsQuery = z.input<typeof listPolicyExceptionsQuerySchema>

/** `GET /api/sdk/policy-exceptions`: `{ exceptions, pagination }`. */
export const listPolicyExceptionsResponseSchema = listEnvelopeSchema(
  'exceptions',
  policyExceptionSchema,
)
export type ListPolicyExceptionsResponse = z.infer<typeof listPolicyExceptionsResponseSchema>
