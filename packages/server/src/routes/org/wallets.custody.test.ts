import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { wallets } from '../../db/schema.js'

/**
 * `POST /api/wallets` custody resolution: imported (`importAddress`) and watch-only wallets are
 * registered as EXTERNAL custody (the Custody Modes guide); an explicit other custodyType with
 * either is a validation error.
 */

const IMPORTED = '0x8888888888888888888888888888888888888888'
const WATCHED = '0x6666666666666666666666666666666666666666'

let h: Harness

beforeEach(() => {
  h = createHarness()
})

function storedRow(id: string) {
  return h.db.select().from(wallets).where(eq(wallets.id, id)).get()
}

async function walletCount(): Promise<number> {
  const list = await h.call('GET', '/api/wallets')
  expect(list.status).toBe(200)
  return list.body.pagination.total
}

describe('wallets.create custody resolution', () => {
  test('default: an import (importAddress) is EXTERNAL custody with SDK_REQUIRED enforcement', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'W4', importAddress: IMPORTED },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'W4',
      address: IMPORTED,
      custodyType: 'EXTERNAL',
      enforcementMode: 'SDK_REQUIRED',
      isWatchOnly: false,
      status: 'ACTIVE',
      created: true,
    })
    expect(storedRow(res.body.id)).toMatchObject({
      custodyType: 'EXTERNAL',
      address: IMPORTED,
      encryptedPrivateKey: null,
    })
  })

  test('default: a watch-only wallet is EXTERNAL custody with SDK_REQUIRED enforcement', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'W17', isWatchOnly: true, address: WATCHED },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'W17',
      address: WATCHED,
      custodyType: 'EXTERNAL',
      enforcementMode: 'SDK_REQUIRED',
      isWatchOnly: true,
      created: true,
    })
    expect(storedRow(res.body.id)?.encryptedPrivateKey).toBeNull()
  })

  test('args: a watch-only import with an explicit enforcementMode keeps it', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: {
        name: 'Watch',
        importAddress: WATCHED,
        isWatchOnly: true,
        enforcementMode: 'MONITORING_ONLY',
      },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      address: WATCHED,
      custodyType: 'EXTERNAL',
      enforcementMode: 'MONITORING_ONLY',
      isWatchOnly: true,
    })
  })

  test('args: explicit EXTERNAL with importAddress', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Ext', custodyType: 'EXTERNAL', importAddress: IMPORTED },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      address: IMPORTED,
      custodyType: 'EXTERNAL',
      enforcementMode: 'SDK_REQUIRED',
    })
  })

  test('default: a plain create is still a managed PRIVY wallet', async () => {
    const res = await h.call('POST', '/api/wallets', { body: { name: 'Managed' } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      custodyType: 'PRIVY',
      enforcementMode: 'ENFORCED',
      isWatchOnly: false,
    })
    expect(storedRow(res.body.id)?.encryptedPrivateKey).toBeTruthy()
  })

  test('behavior: an imported wallet is not provisioned by Conto', async () => {
    const created = await h.call('POST', '/api/wallets', {
      body: { name: 'W4', importAddress: IMPORTED },
    })
    const res = await h.call('POST', `/api/wallets/${created.body.id}/provision`)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('EXTERNAL_WALLET')
  })

  test('behavior: repeating an import returns the existing wallet with 200', async () => {
    const first = await h.call('POST', '/api/wallets', {
      body: { name: 'W4', importAddress: IMPORTED },
    })
    expect(first.status).toBe(201)
    for (const body of [
      { name: 'W4 again', importAddress: IMPORTED },
      { name: 'W4 watch', isWatchOnly: true, address: IMPORTED },
      { name: 'W4 explicit', custodyType: 'EXTERNAL', address: IMPORTED },
    ]) {
      const again = await h.call('POST', '/api/wallets', { body })
      expect(again.status, JSON.stringify(body)).toBe(200)
      expect(again.body, JSON.stringify(body)).toMatchObject({
        id: first.body.id,
        name: 'W4',
        address: IMPORTED,
        custodyType: 'EXTERNAL',
        enforcementMode: 'SDK_REQUIRED',
        created: false,
      })
    }
    expect(await walletCount()).toBe(1)
  })

  test('error: VALIDATION_ERROR for PRIVY with importAddress', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'W', custodyType: 'PRIVY', importAddress: IMPORTED },
    })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      error: expect.stringContaining('custodyType'),
      code: 'VALIDATION_ERROR',
      requestId: expect.any(String),
      issues: [
        {
          path: ['custodyType'],
          message: expect.stringMatching(
            /^custodyType PRIVY cannot be combined with importAddress: .*EXTERNAL custody$/,
          ),
          code: 'custom',
        },
      ],
    })
    expect(await walletCount()).toBe(0)
  })

  test('error: VALIDATION_ERROR for a non-EXTERNAL custodyType on a watch-only wallet', async () => {
    for (const custodyType of ['PRIVY', 'SPONGE', 'SMART_CONTRACT']) {
      const res = await h.call('POST', '/api/wallets', {
        body: { name: 'W', custodyType, isWatchOnly: true, address: WATCHED },
      })
      expect(res.status, custodyType).toBe(400)
      expect(res.body.code, custodyType).toBe('VALIDATION_ERROR')
      expect(res.body.issues[0].path, custodyType).toEqual(['custodyType'])
    }
    expect(await walletCount()).toBe(0)
  })

  test('error: VALIDATION_ERROR for a watch-only wallet without an address', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'W', isWatchOnly: true },
    })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_ERROR')
    expect(res.body.issues.map((issue: { path: string[] }) => issue.path)).toContainEqual([
      'address',
    ])
  })
})
