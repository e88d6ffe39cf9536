import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import {
  maskChannelConfig,
  maskSecret,
  openChannelConfig,
  sealChannelConfig,
} from './channel-config.js'

const secret = new Uint8Array(randomBytes(32))

describe('maskSecret', () => {
  test('default: a known prefix and the last 4 characters', () => {
    expect(maskSecret('xoxb-1111111111-2222222222222-SyntheticTokenf3Qa')).toBe('xoxb-…f3Qa')
    expect(maskSecret(`whsec_${'A'.repeat(43)}=`)).toBe('whsec_…AAA=')
    expect(maskSecret('123456789:AAsyntheticTelegramBotToken_0000wxyz')).toBe('123456789:…wxyz')
    expect(maskSecret('EAAsyntheticWhatsappAccessToken0000ZZ99')).toBe('…ZZ99')
  })

  test('behavior: a short secret shows nothing of itself', () => {
    expect(maskSecret('abc123')).toBe('…')
    expect(maskSecret('xoxb-short')).toBe('xoxb-…')
  })
})

describe('sealChannelConfig', () => {
  const config = { botToken: 'xoxb-1111111111-2222222222222-SyntheticTokenf3Qa', channelId: 'C01' }

  test('default: secret fields sealed with their mask, others as sent', () => {
    const stored = sealChannelConfig('SLACK', 'c1', config, secret)
    expect(stored).toEqual({
      botToken: { $sealed: expect.stringMatching(/^v1\./), masked: 'xoxb-…f3Qa' },
      channelId: 'C01',
    })
    expect(openChannelConfig('SLACK', 'c1', stored, secret)).toEqual(config)
    expect(maskChannelConfig('SLACK', stored)).toEqual({ botToken: 'xoxb-…f3Qa', channelId: 'C01' })
  })

  test('behavior: a mask sent back keeps the stored secret; carried-over fields stay', () => {
    const stored = sealChannelConfig(
      'WEBHOOK',
      'c1',
      { url: 'https://a.example.com', signingSecret: `whsec_${'B'.repeat(43)}=` },
      secret,
    )
    const updated = sealChannelConfig(
      'WEBHOOK',
      'c1',
      { url: 'https://b.example.com' },
      secret,
      stored,
      ['signingSecret'],
    )
    expect(updated['signingSecret']).toEqual(stored['signingSecret'])
    const slack = sealChannelConfig('SLACK', 'c1', config, secret)
    const roundTrip = sealChannelConfig(
      'SLACK',
      'c1',
      maskChannelConfig('SLACK', slack),
      secret,
      slack,
    )
    expect(openChannelConfig('SLACK', 'c1', roundTrip, secret)).toEqual(config)
  })

  test('behavior: a secret stored without sealing is still masked', () => {
    expect(
      maskChannelConfig('WHATSAPP', { accessToken: 'EAAsyntheticWhatsappAccessToken0000ZZ99' }),
    ).toEqual({
      accessToken: '…ZZ99',
    })
  })
})
