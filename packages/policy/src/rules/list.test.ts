import { describe, expect, test } from 'vitest'
import {
  explainListMatch,
  isListed,
  labelledListPhrases,
  listPredicate,
  summarizeList,
} from './list.js'

describe('summarizeList', () => {
  test('behavior: keeps lists of up to ten entries whole', () => {
    expect(summarizeList([])).toBe('')
    expect(summarizeList(['A', 'B'])).toBe('A, B')
    const ten = Array.from({ length: 10 }, (_, index) => String(index))
    expect(summarizeList(ten)).toBe('0, 1, 2, 3, 4, 5, 6, 7, 8, 9')
  })

  test('behavior: shows the first ten entries of a longer list and counts the rest', () => {
    const eleven = Array.from({ length: 11 }, (_, index) => String(index))
    expect(summarizeList(eleven)).toBe('0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 1 more')
  })
})

describe('listPredicate', () => {
  test.each([
    [true, 'IN_LIST', true],
    [false, 'IN_LIST', false],
    [true, 'NOT_IN_LIST', false],
    [false, 'NOT_IN_LIST', true],
    [true, 'EQUALS', true],
    [true, 'NOT_EQUALS', false],
  ] as const)('behavior: listed %s with %s → %s', (listed, operator, predicate) => {
    expect(listPredicate(listed, operator)).toBe(predicate)
    // A rule that fired with that predicate had its subject listed exactly when `listed`.
    expect(isListed(operator, predicate)).toBe(listed)
  })
})

describe('explainListMatch', () => {
  const allowed = labelledListPhrases('MCC', 'The card payment has no MCC', false)
  const blocked = labelledListPhrases('MCC', 'The card payment has no MCC', true)

  test('behavior: the subject, the whole list and the sentence for each case', () => {
    expect(explainListMatch('5411', ['5411'], true, allowed)).toEqual({
      current: '5411',
      limit: ['5411'],
      message: 'MCC 5411 is in the list (5411)',
    })
    expect(explainListMatch('7995', ['7995'], true, blocked).message).toBe('MCC 7995 is blocked')
    expect(explainListMatch(undefined, ['5411'], false, blocked)).toEqual({
      current: null,
      limit: ['5411'],
      message: 'The card payment has no MCC, so it is blocked: it is not in the list (5411)',
    })
  })

  test('behavior: phrases without a missing case still explain a payment without the subject', () => {
    const phrases = { listed: () => 'listed', unlisted: () => 'unlisted' }
    expect(explainListMatch(undefined, ['A', 'B'], false, phrases)).toEqual({
      current: null,
      limit: ['A', 'B'],
      message: 'The payment has nothing to match against the list (A, B)',
    })
  })
})
