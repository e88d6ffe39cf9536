import type { RuleOperator, ServiceBudgetRuleValue } from '@conto/schemas'
import { type SpendWindow, spendWindowOfPeriod } from '../calendar.js'
import type { EvaluationContext } from '../evaluation-context.js'
import { formatUsd, type Micros, micros, units } from '../money.js'
import {
  compare,
  defineRuleEvaluators,
  operatorSymbol,
  type RuleEvaluator,
  type RuleExplanation,
} from '../rule-evaluator.js'
import { PORT_SUFFIX } from '../service-address.js'
import { explainListMatch, type ListPhrases, listPredicate } from './list.js'
import { explainCumulative } from './spend-limits.js'

/**
 * x402 and MPP service rules. The subject of the service lists is the payment's service domain:
 * `serviceDomain` lower-cased, else the host name of `resourceUrl` (parsed with the WHATWG `URL`,
 * as the server derives it, so `https://evil.com\@api.openai.com` is evil.com). A payment without
 * a domain is on no list: it fails an allow-list and never matches a block-list. List entries may
 * be wildcards (`*.example.com`: the domain and its subdomains) and may carry a port
 * (`api.example.com:8443`), which then must equal the payment's port (explicit or the scheme's
 * default); an entry without a port matches every port. Budgets compare the spend to the
 * service, endpoint or session plus this payment with the limit.
 */

type Protocol = 'X402' | 'MPP'

// --- Service lists --------------------------------------------------------------------------

export interface ServiceList {
  /** The entries as written (lower-cased), for messages. */
  readonly entries: readonly string[]
  /** `host` or `host:port` → the entry naming it exactly. */
  readonly exact: ReadonlyMap<string, string>
  /** Base domain (`example.com` or `example.com:8443`) of each `*.` entry → the entry. */
  readonly wildcards: ReadonlyMap<string, string>
  /** Some entry names a port (the payment's port is only resolved then). */
  readonly ports: boolean
}

function prepareServiceList(entries: readonly string[]): ServiceList {
  const exact = new Map<string, string>()
  const wildcards = new Map<string, string>()
  let ports = false
  for (const entry of entries) {
    if (PORT_SUFFIX.test(entry)) ports = true
    if (entry.startsWith('*.')) {
      const base = entry.slice(2)
      if (!wildcards.has(base)) wildcards.set(base, entry)
    } else if (!exact.has(entry)) {
      exact.set(entry, entry)
    }
  }
  return { entries, exact, wildcards, ports }
}

/** The entry the payment's service matches, or undefined (always for a payment without a domain). */
function findEntry(list: ServiceList, context: EvaluationContext): string | undefined {
  const domain = context.serviceDomain
  if (domain === undefined) return undefined
  const port = list.ports ? context.servicePort : ''
  const exact =
    list.exact.get(domain) ?? (port === '' ? undefined : list.exact.get(`${domain}:${port}`))
  if (exact !== undefined || list.wildcards.size === 0) return exact
  // The domain itself, then each parent domain: a.b.example.com, b.example.com, example.com, com.
  for (let start = 0; start >= 0; ) {
    const suffix = start === 0 ? domain : domain.slice(start)
    const wildcard =
      list.wildcards.get(suffix) ??
      (port === '' ? undefined : list.wildcards.get(`${suffix}:${port}`))
    if (wildcard !== undefined) return wildcard
    const dot = domain.indexOf('.', start)
    start = dot === -1 ? -1 : dot + 1
  }
  return undefined
}

type ServiceListRuleType =
  | 'X402_ALLOWED_SERVICES'
  | 'X402_BLOCKED_SERVICES'
  | 'MPP_ALLOWED_SERVICES'
  | 'MPP_BLOCKED_SERVICES'

function serviceListRule<T extends ServiceListRuleType>(
  protocol: Protocol,
  kind: 'allowed' | 'blocked',
): RuleEvaluator<T, ServiceList> {
  const listName = `${kind} services list`
  const phrases = (entry: string | undefined): ListPhrases => ({
    listed: (domain) => {
      const matched = entry === domain ? '' : ` (matches ${entry})`
      return kind === 'blocked'
        ? `${protocol} service ${domain} is blocked${matched}`
        : `${protocol} service ${domain} is on the ${listName}${matched}`
    },
    unlisted: (domain) => `${protocol} service ${domain} is not on the ${listName}`,
    missing: () =>
      `${protocol} payment names no service domain (serviceDomain or resourceUrl), so it is not on the ${listName}`,
  })
  return {
    prohibition: kind === 'blocked',
    prepare: (value) => prepareServiceList(value as string[]),
    test: (context, list, operator) =>
      listPredicate(findEntry(list, context) !== undefined, operator),
    explain: (context, list) => {
      const entry = findEntry(list, context)
      return explainListMatch(
        context.serviceDomain,
        list.entries,
        entry !== undefined,
        phrases(entry),
      )
    },
  }
}

// --- Budgets --------------------------------------------------------------------------------

export interface PreparedServiceBudget {
  readonly limit: Micros
  readonly window: SpendWindow
}

function serviceBudgetRule<T extends 'X402_MAX_PER_SERVICE' | 'MPP_MAX_PER_SERVICE'>(
  protocol: Protocol,
): RuleEvaluator<T, PreparedServiceBudget> {
  return {
    prepare: (value) => {
      const { amount, period } = value as ServiceBudgetRuleValue
      return {
        limit: micros(amount),
        window: period === undefined ? 'daily' : spendWindowOfPeriod[period],
      }
    },
    test: (context, budget, operator) =>
      compare(context.serviceSpend(budget.window) + context.amount, operator, budget.limit),
    explain: (context, budget, operator, held) => {
      const domain = context.serviceDomain
      const service =
        domain === undefined ? `this ${protocol} service` : `${protocol} service ${domain}`
      return explainCumulative(
        `${budget.window} budget for ${service}`,
        context.serviceSpend(budget.window),
        context.amount,
        operator,
        budget.limit,
        held,
      )
    },
  }
}

function endpointBudgetRule<T extends 'X402_MAX_PER_ENDPOINT' | 'MPP_MAX_PER_ENDPOINT'>(
  protocol: Protocol,
): RuleEvaluator<T, Micros> {
  // The resource URL is not echoed: query strings may carry secrets.
  const label = `daily ${protocol} limit for this endpoint`
  return {
    prepare: (value) => micros(value as number),
    test: (context, limit, operator) =>
      compare(context.endpointSpend('daily') + context.amount, operator, limit),
    explain: (context, limit, operator, held) =>
      explainCumulative(
        label,
        context.endpointSpend('daily'),
        context.amount,
        operator,
        limit,
        held,
      ),
  }
}

const hasSession = (context: EvaluationContext): boolean =>
  Boolean(context.input.payment.sessionId?.trim())

/** "MPP session deposit $150.00 exceeds the session budget of $100.00". */
function explainDeposit(
  deposit: Micros,
  operator: RuleOperator,
  limit: Micros,
  held: boolean,
): RuleExplanation {
  const ceiling = operator === 'LESS_THAN_OR_EQUAL' || operator === 'LESS_THAN'
  const message =
    ceiling && !held
      ? `MPP session deposit ${formatUsd(deposit)} exceeds the session budget of ${formatUsd(limit)}`
      : `MPP session deposit ${formatUsd(deposit)} is ${held ? '' : 'not '}${operatorSymbol[operator]} ${formatUsd(limit)} (session budget)`
  return { current: units(deposit), limit: units(limit), message }
}

function sessionBudgetRule<T extends 'X402_SESSION_BUDGET' | 'MPP_SESSION_BUDGET'>(
  protocol: Protocol,
): RuleEvaluator<T, Micros> {
  const label = `${protocol} session budget`
  // Only an MPP payment that opens a session carries a deposit; it is judged on its own.
  const deposit =
    protocol === 'MPP' ? (context: EvaluationContext) => context.deposit : () => undefined
  return {
    prepare: (value) => micros(value as number),
    test: (context, limit, operator) => {
      const opening = deposit(context)
      if (opening !== undefined) return compare(opening, operator, limit)
      if (!hasSession(context)) return undefined
      return compare(context.sessionSpend() + context.amount, operator, limit)
    },
    explain: (context, limit, operator, held) => {
      const opening = deposit(context)
      if (opening !== undefined) return explainDeposit(opening, operator, limit, held)
      return explainCumulative(label, context.sessionSpend(), context.amount, operator, limit, held)
    },
  }
}

export const serviceRules = defineRuleEvaluators({
  X402_ALLOWED_SERVICES: serviceListRule('X402', 'allowed'),
  X402_BLOCKED_SERVICES: serviceListRule('X402', 'blocked'),
  MPP_ALLOWED_SERVICES: serviceListRule('MPP', 'allowed'),
  MPP_BLOCKED_SERVICES: serviceListRule('MPP', 'blocked'),
  X402_MAX_PER_SERVICE: serviceBudgetRule('X402'),
  MPP_MAX_PER_SERVICE: serviceBudgetRule('MPP'),
  X402_MAX_PER_ENDPOINT: endpointBudgetRule('X402'),
  MPP_MAX_PER_ENDPOINT: endpointBudgetRule('MPP'),
  X402_SESSION_BUDGET: sessionBudgetRule('X402'),
  MPP_SESSION_BUDGET: sessionBudgetRule('MPP'),
})
