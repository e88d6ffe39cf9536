import type {
  AnyEndpoint,
  APIPromise,
  BodyOf,
  CallOptions,
  Page,
  PageParams,
  PagePromise,
  QueryOf,
  ResultOf,
} from '@conto/client-core'
import type {
  Agent,
  AgentDetail,
  CreateAgentParams,
  CreatePolicyParams,
  CreateSdkKeyParams,
  CreateSdkKeyResponse,
  EndpointTree,
  ExportAuditLogsResponse,
  FundWalletParams,
  ListAgentsQuery,
  ListAgentsResponse,
  ListTransactionsQuery,
  Policy,
  SdkKey,
  SuccessResponse,
  UpdateAgentWalletLinkParams,
} from '@conto/schemas'
import { describe, expectTypeOf, test } from 'vitest'
import type { ContoAdmin } from './client.js'

declare const admin: ContoAdmin

type Resources = Omit<ContoAdmin, 'baseUrl'>
type Equal<X, Y> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false

/** The registry entry behind `admin.<group>.<action>` (`never` when there is none). */
type EndpointOf<TGroup, TAction> = TGroup extends keyof EndpointTree
  ? TAction extends keyof EndpointTree[TGroup]
    ? EndpointTree[TGroup][TAction] extends infer E extends AnyEndpoint
      ? E
      : never
    : never
  : never

/**
 * The registry `[group, action]` a method calls: its own name, or for a name the Conto
 * documentation uses (spec §3.2) the method it aliases.
 */
type AliasTarget<TGroup, TAction> = TGroup extends 'audit'
  ? ['auditLogs', TAction]
  : TGroup extends 'budgets'
    ? ['budgetRequests', TAction]
    : [TGroup, TAction] extends ['team', 'listMembers']
      ? ['members', 'list']
      : [TGroup, TAction] extends ['approvals', 'listRequests']
        ? ['approvalRequests', 'list']
        : [TGroup, TAction] extends ['approvals', 'approve' | 'reject']
          ? ['approvalRequests', TAction]
          : TAction extends 'get'
            ? [TGroup, 'retrieve']
            : [TGroup, TAction]

/** The registry entry a method calls, through {@link AliasTarget}. */
type EndpointFor<TGroup, TAction> =
  AliasTarget<TGroup, TAction> extends [infer G, infer A] ? EndpointOf<G, A> : never

/** What a method resolves to: the parsed body, or for a list the body of each page. */
type BodyReturned<TMethod> = TMethod extends (...args: never[]) => infer R
  ? R extends PagePromise<unknown, infer TResponse>
    ? TResponse
    : R extends APIPromise<infer T>
      ? T
      : never
  : never

/** `true` when one of the method's parameters is exactly the endpoint's body or query type. */
type TakesInputOf<TMethod, TEndpoint extends AnyEndpoint> = TMethod extends (
  ...args: infer A
) => unknown
  ? true extends { [K in keyof A]: IsInputOf<NonNullable<A[K]>, TEndpoint> }[number]
    ? true
    : false
  : false

type IsInputOf<TParam, TEndpoint extends AnyEndpoint> =
  Equal<TParam, BodyOf<TEndpoint>> extends true
    ? true
    : Equal<TParam, QueryOf<TEndpoint> & PageParams> extends true
      ? true
      : Equal<TParam, QueryOf<TEndpoint>>

/** `true` when the endpoint takes a body or a query. */
type HasInput<TEndpoint extends AnyEndpoint> =
  unknown extends BodyOf<TEndpoint> ? (unknown extends QueryOf<TEndpoint> ? false : true) : true

describe('ContoAdmin', () => {
  test('behavior: every method resolves to its registry response type', () => {
    type Checks = {
      [G in keyof Resources]: {
        [A in keyof Resources[G]]: Equal<BodyReturned<Resources[G][A]>, ResultOf<EndpointFor<G, A>>>
      }
    }
    type AllTrue = { [G in keyof Checks]: { [A in keyof Checks[G]]: true } }
    expectTypeOf<Checks>().toEqualTypeOf<AllTrue>()
  })

  test('behavior: every method with a body or query takes exactly its registry input type', () => {
    // These take the one body or query field as a positional id, as the docs show.
    type Positional =
      | 'agents.assignPolicy'
      | 'agents.unassignPolicy'
      | 'agents.revokeSdkKey'
      | 'cards.linkPolicy'
    type Checks = {
      [G in keyof Resources]: {
        [A in keyof Resources[G]]: `${G & string}.${A & string}` extends Positional
          ? true
          : HasInput<EndpointFor<G, A>> extends true
            ? TakesInputOf<Resources[G][A], EndpointFor<G, A>>
            : true
      }
    }
    type AllTrue = { [G in keyof Checks]: { [A in keyof Checks[G]]: true } }
    expectTypeOf<Checks>().toEqualTypeOf<AllTrue>()
  })

  test('args: CRUD parameters are the schemas’ z.input types', () => {
    expectTypeOf(admin.agents.create).parameter(0).toEqualTypeOf<CreateAgentParams>()
    expectTypeOf(admin.agents.create).parameter(1).toEqualTypeOf<CallOptions | undefined>()
    expectTypeOf(admin.policies.create).parameter(0).toEqualTypeOf<CreatePolicyParams>()
    expectTypeOf(admin.agents.createSdkKey).parameters.toEqualTypeOf<
      [agentId: string, params: CreateSdkKeyParams, options?: CallOptions]
    >()
    expectTypeOf(admin.agents.updateWalletLink).parameters.toEqualTypeOf<
      [
        agentId: string,
        walletId: string,
        params: UpdateAgentWalletLinkParams,
        options?: CallOptions,
      ]
    >()
    expectTypeOf(admin.agents.list)
      .parameter(0)
      .toEqualTypeOf<(ListAgentsQuery & PageParams) | undefined>()
    // `limit`/`offset` are numbers here, although the query schema coerces strings.
    expectTypeOf<NonNullable<Parameters<typeof admin.agents.list>[0]>['limit']>().toEqualTypeOf<
      number | undefined
    >()
  })

  test('args: the documented positional calls', () => {
    expectTypeOf(admin.agents.assignPolicy).parameters.toEqualTypeOf<
      [agentId: string, policyId: string, options?: CallOptions]
    >()
    expectTypeOf(admin.agents.unassignPolicy).parameters.toEqualTypeOf<
      [agentId: string, policyId: string, options?: CallOptions]
    >()
    expectTypeOf(admin.agents.revokeSdkKey).parameters.toEqualTypeOf<
      [agentId: string, keyId: string, options?: CallOptions]
    >()
  })

  test('behavior: results are the schemas’ z.infer types', () => {
    expectTypeOf(admin.agents.create).returns.toEqualTypeOf<APIPromise<Agent>>()
    expectTypeOf(admin.agents.retrieve('a')).resolves.toEqualTypeOf<AgentDetail>()
    expectTypeOf(admin.agents.delete('a')).resolves.toEqualTypeOf<SuccessResponse>()
    expectTypeOf(
      admin.agents.createSdkKey('a', { name: 'k' }),
    ).resolves.toEqualTypeOf<CreateSdkKeyResponse>()
    expectTypeOf(admin.policies.retrieve('p')).resolves.toEqualTypeOf<Policy>()
    expectTypeOf(admin.agents.list()).resolves.toEqualTypeOf<
      Page<ListAgentsResponse['agents'][number], ListAgentsResponse>
    >()
    expectTypeOf(admin.agents.listSdkKeys('a').toArray({ limit: 5 })).resolves.toEqualTypeOf<
      SdkKey[]
    >()
  })

  test('behavior: the audit export result is a union on format', () => {
    const result = {} as Awaited<ReturnType<typeof admin.auditLogs.export>>
    expectTypeOf(result).toEqualTypeOf<ExportAuditLogsResponse>()
    if (result.format === 'csv') expectTypeOf(result.data).toEqualTypeOf<string>()
    else expectTypeOf(result.data).toBeArray()
  })

  test('error: wrong parameters do not compile', () => {
    // @ts-expect-error agentType is required
    admin.agents.create({ name: 'x' })
    // @ts-expect-error unknown field
    admin.agents.create({ name: 'x', agentType: 'CUSTOM', colour: 'red' })
    // @ts-expect-error the policy id is positional, as the docs show
    admin.agents.assignPolicy('a', { policyId: 'p' })
    // @ts-expect-error an unknown status filter
    admin.agents.list({ status: 'SLEEPING' })
    // @ts-expect-error limit is a number
    admin.agents.list({ limit: '5' })
  })
})

describe('input types', () => {
  test('args: amounts in bodies are numbers', () => {
    expectTypeOf<FundWalletParams['amount']>().toEqualTypeOf<number>()
    admin.wallets.fund('w', { amount: 500 })
    // @ts-expect-error an amount is a JSON number
    admin.wallets.fund('w', { amount: 'x' as unknown as object })
    // @ts-expect-error nor a numeric string
    admin.wallets.fund('w', { amount: '500' })
    admin.agents.linkWallet('a', { walletId: 'w', spendLimitPerTx: 100, spendLimitDaily: null })
    // @ts-expect-error a spend limit is a number or null
    admin.agents.linkWallet('a', { walletId: 'w', spendLimitPerTx: '100' })
    admin.budgetRequests.approve('b', { approvedAmount: 50 })
    // @ts-expect-error the granted amount is a number
    admin.budgetRequests.approve('b', { approvedAmount: [50] })
  })

  test('args: query amounts and pages take numbers', () => {
    expectTypeOf<ListTransactionsQuery['minAmount']>().toEqualTypeOf<number | string | undefined>()
    admin.transactions.list({ minAmount: 5, maxAmount: 100, limit: 20 })
    // @ts-expect-error not a boolean
    admin.transactions.list({ minAmount: true })
    // @ts-expect-error not an object
    admin.transactions.list({ maxAmount: {} })
    admin.agents.list({ limit: 20, offset: 0 })
    // @ts-expect-error not an object
    admin.agents.list({ offset: {} })
  })
})

describe('documented aliases', () => {
  test('default: each alias has exactly the signature of the method it names', () => {
    expectTypeOf(admin.agents.get).toEqualTypeOf(admin.agents.retrieve)
    expectTypeOf(admin.wallets.get).toEqualTypeOf(admin.wallets.retrieve)
    expectTypeOf(admin.policies.get).toEqualTypeOf(admin.policies.retrieve)
    expectTypeOf(admin.counterparties.get).toEqualTypeOf(admin.counterparties.retrieve)
    expectTypeOf(admin.transactions.get).toEqualTypeOf(admin.transactions.retrieve)
    expectTypeOf(admin.alerts.get).toEqualTypeOf(admin.alerts.retrieve)
    expectTypeOf(admin.cards.get).toEqualTypeOf(admin.cards.retrieve)
    expectTypeOf(admin.analytics.get).toEqualTypeOf(admin.analytics.retrieve)
    expectTypeOf(admin.approvals.listRequests).toEqualTypeOf(admin.approvalRequests.list)
    expectTypeOf(admin.approvals.approve).toEqualTypeOf(admin.approvalRequests.approve)
    expectTypeOf(admin.approvals.reject).toEqualTypeOf(admin.approvalRequests.reject)
    expectTypeOf(admin.team.listMembers).toEqualTypeOf(admin.members.list)
    expectTypeOf(admin.audit).toEqualTypeOf(admin.auditLogs)
    expectTypeOf(admin.budgets).toEqualTypeOf(admin.budgetRequests)
  })
})
