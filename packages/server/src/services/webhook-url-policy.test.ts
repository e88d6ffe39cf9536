import { describe, expect, test, vi } from 'vitest'
import { assertWebhookUrlAllowed, classifyAddress } from './webhook-url-policy.js'

describe('classifyAddress', () => {
  test.each([
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['2606:2800:220:1::1', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:93.184.216.34', 'public'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['hooks.example.com', null],
  ])('%s → %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected)
  })
})

describe('assertWebhookUrlAllowed', () => {
  const resolve = vi.fn(async (host: string) => {
    if (host === 'public.example.com') return ['93.184.216.34', '2606:2800:220:1::1']
    if (host === 'loop.example.com') return ['127.0.0.1']
    throw new Error('ENOTFOUND')
  })

  test('default', async () => {
    await expect(
      assertWebhookUrlAllowed('https://public.example.com/x', { mode: 'live', resolve }),
    ).resolves.toEqual(['93.184.216.34', '2606:2800:220:1::1'])
  })

  test('behavior: test mode allows loopback, over HTTP too, but not private hosts', async () => {
    const test = { mode: 'test', resolve } as const
    await expect(assertWebhookUrlAllowed('http://loop.example.com:8080/x', test)).resolves.toEqual([
      '127.0.0.1',
    ])
    await expect(assertWebhookUrlAllowed('http://localhost:8080/x', test)).resolves.toBeDefined()
    await expect(assertWebhookUrlAllowed('http://10.0.0.1/x', test)).rejects.toMatchObject({
      code: 'INVALID_WEBHOOK_URL',
    })
    await expect(
      assertWebhookUrlAllowed('http://public.example.com/x', test),
    ).rejects.toMatchObject({ code: 'INVALID_WEBHOOK_URL' })
  })

  test('behavior: an unresolvable host is refused unless allowed', async () => {
    await expect(
      assertWebhookUrlAllowed('https://nowhere.example.com/x', { mode: 'test', resolve }),
    ).rejects.toMatchObject({ code: 'INVALID_WEBHOOK_URL' })
    await expect(
      assertWebhookUrlAllowed('https://nowhere.example.com/x', {
        mode: 'test',
        resolve,
        allowUnresolvable: true,
      }),
    ).resolves.toEqual([])
  })

  test('error: INVALID_WEBHOOK_URL for credentials in the URL and other schemes', async () => {
    for (const url of ['https://user:pass@public.example.com/x', 'ftp://public.example.com/x']) {
      await expect(assertWebhookUrlAllowed(url, { mode: 'live', resolve })).rejects.toMatchObject({
        code: 'INVALID_WEBHOOK_URL',
      })
    }
  })

  test('behavior: numeric host spellings are normalised before the check', async () => {
    for (const url of ['https://2130706433/x', 'https://0x7f.1/x', 'https://[::ffff:7f00:1]/x']) {
      await expect(assertWebhookUrlAllowed(url, { mode: 'live', resolve })).rejects.toMatchObject({
        code: 'INVALID_WEBHOOK_URL',
      })
    }
  })
})
