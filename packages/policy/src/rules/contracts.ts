import type { ContractAllowlistRuleValue, RuleOperator } from '@conto/schemas'
import type { EvaluationContext } from '../evaluation-context.js'
import { defineRuleEvaluators, type RuleExplanation } from '../rule-evaluator.js'
import { isListed, listPredicate, summarizeList } from './list.js'

/**
 * CONTRACT_ALLOWLIST: the contract a payment calls (`targetContractAddress`, else the recipient),
 * lower-cased. IN_LIST holds when the contract is listed or the payment's protocol is (names
 * compare case-insensitively), and — when the value lists `functionSelectors` — the call's
 * selector is listed too (a call without a selector does not match). NOT_IN_LIST is the negation.
 */

export interface PreparedContracts {
  readonly contracts: ReadonlySet<string>
  readonly protocols: ReadonlySet<string>
  /** Absent: any function of a listed contract or protocol matches. */
  readonly selectors: ReadonlySet<string> | undefined
  readonly value: ContractAllowlistRuleValue
}

const lowerCase = (value: string): string => value.trim().toLowerCase()

/** The called contract, lower-cased, as the subject of the rule. */
function contractOf(context: EvaluationContext): string | undefined {
  const target = context.input.payment.targetContractAddress
  return target === undefined ? context.recipient : lowerCase(target)
}

/** The called contract as the payment wrote it, for messages. */
const displayedContractOf = (context: EvaluationContext): string | undefined =>
  context.input.payment.targetContractAddress?.trim() ??
  context.input.payment.recipientAddress?.trim()

function targetListed(context: EvaluationContext, value: PreparedContracts): boolean {
  const contract = contractOf(context)
  if (contract !== undefined && value.contracts.has(contract)) return true
  const protocol = context.input.payment.protocol
  return (
    protocol !== undefined && value.protocols.size > 0 && value.protocols.has(lowerCase(protocol))
  )
}

function selectorListed(context: EvaluationContext, value: PreparedContracts): boolean {
  if (value.selectors === undefined) return true
  const selector = context.input.payment.functionSelector
  return selector !== undefined && value.selectors.has(lowerCase(selector))
}

const matches = (context: EvaluationContext, value: PreparedContracts): boolean =>
  targetListed(context, value) && selectorListed(context, value)

function explainContract(
  context: EvaluationContext,
  value: PreparedContracts,
  operator: RuleOperator,
  held: boolean,
): RuleExplanation {
  const { contracts, protocols, functionSelectors } = value.value
  const contract = displayedContractOf(context)
  const protocol = context.input.payment.protocol?.trim()
  const selector = context.input.payment.functionSelector?.trim()
  const call = contract === undefined ? 'Contract call' : `Contract ${contract}`
  const limit = [...contracts, ...protocols]
  if (isListed(operator, held)) {
    return {
      current: contract ?? protocol ?? null,
      limit,
      message: `${call}${protocol === undefined ? '' : ` (${protocol})`} is restricted by policy`,
    }
  }
  if (!targetListed(context, value)) {
    const allowed = summarizeList(limit)
    return {
      current: contract ?? protocol ?? null,
      limit,
      message:
        protocol === undefined
          ? `${call} is not on the contract allow-list (allowed: ${allowed})`
          : `${call} (protocol ${protocol}) is not on the contract allow-list (allowed: ${allowed})`,
    }
  }
  const selectors = functionSelectors ?? []
  return {
    current: selector ?? null,
    limit: [...selectors],
    message:
      selector === undefined
        ? `${call} has no function selector; only these functions are allowed: ${summarizeList(selectors)}`
        : `Function ${selector} is not allowed on ${contract ?? 'this contract'} (allowed: ${summarizeList(selectors)})`,
  }
}

export const contractRules = defineRuleEvaluators({
  CONTRACT_ALLOWLIST: {
    prepare: (value): PreparedContracts => ({
      contracts: new Set(value.contracts.map(lowerCase)),
      protocols: new Set(value.protocols.map(lowerCase)),
      selectors:
        value.functionSelectors === undefined
          ? undefined
          : new Set(value.functionSelectors.map(lowerCase)),
      value,
    }),
    test: (context, value: PreparedContracts, operator) =>
      listPredicate(matches(context, value), operator),
    explain: explainContract,
  },
})
