import { describe, expect, test } from 'vitest'
import {
  approvalActionParamsSchema,
  approvalActionResponseSchema,
  approvalRequestSchema,
  approvalWorkflowSchema,
  approveApprovalRequestParamsSchema,
  createApprovalWorkflowParamsSchema,
  createNotificationChannelParamsSchema,
  decideApprovalRequestResponseSchema,
  listApprovalRequestsQuerySchema,
  listApprovalRequestsResponseSchema,
  listApprovalWorkflowsResponseSchema,
  listNotificationChannelsQuerySchema,
  listNotificationChannelsResponseSchema,
  listSdkApprovalRequestsQuerySchema,
  listSdkApprovalRequestsResponseSchema,
  notificationChannelConfigSchemas,
  notificationChannelSchema,
  rejectApprovalRequestParamsSchema,
  testNotificationChannelResponseSchema,
  updateApprovalWorkflowParamsSchema,
  updateNotificationChannelParamsSchema,
} from './approval.js'
import { wireErrorCodeOf } from './errors.js'

const pagination = { total: 1, limit: 50, offset: 0, hasMore: false }
const token = 'ab'.repeat(32)

const approvalRequest = {
  id: 'apr_cmm59z8fj000l49h7bjqza11p',
  type: 'PAYMENT',
  status: 'PENDING',
  paymentRequestId: 'req_cmm59z8fj000m49h7',
  externalApprovalId: null,
  agentId: 'cmm59z8fj000l49h7bjqza11p',
  agent: { id: 'cmm59z8fj000l49h7bjqza11p', name: 'Research Agent' },
  amount: 750,
  currency: 'USDC',
  recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
  purpose: 'GPU rental',
  workflowId: 'wf_1',
  requiredApprovals: 2,
  approvals: [
    {
      id: 'vote_1',
      approverId: 'user_1',
      decision: 'APPROVED',
      reason: null,
      createdAt: '2026-04-07T12:05:00.000Z',
    },
  ],
  reason: null,
  expiresAt: '2026-04-08T12:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  createdAt: '2026-04-07T12:00:00.000Z',
}

describe('approvalRequestSchema', () => {
  test('default: a pending payment approval with one vote of two', () => {
    expect(approvalRequestSchema.parse(approvalRequest)).toEqual(approvalRequest)
  })

  test('args: a decided budget request without agent, recipient or workflow', () => {
    const { agent: _agent, ...rest } = approvalRequest
    const budget = {
      ...rest,
      type: 'BUDGET',
      status: 'REJECTED',
      paymentRequestId: null,
      recipientAddress: null,
      workflowId: null,
      requiredApprovals: 1,
      approvals: [],
      reason: 'Over quarterly budget',
      decidedAt: '2026-04-07T13:00:00.000Z',
      decidedBy: 'user_2',
    }
    expect(approvalRequestSchema.parse(budget)).toEqual(budget)
  })

  test('behavior: statuses added later still parse; list envelope', () => {
    expect(
      approvalRequestSchema.safeParse({ ...approvalRequest, status: 'ESCALATED' }).success,
    ).toBe(true)
    const body = { requests: [approvalRequest], pagination }
    expect(listApprovalRequestsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('listApprovalRequestsQuerySchema', () => {
  test('default: pagination only', () => {
    expect(listApprovalRequestsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: status, type and agentId', () => {
    expect(
      listApprovalRequestsQuerySchema.parse({ status: 'PENDING', type: 'CARD', agentId: 'a1' }),
    ).toEqual({ limit: 50, offset: 0, status: 'PENDING', type: 'CARD', agentId: 'a1' })
  })

  test('error: unknown status and type list the allowed values', () => {
    expect(
      listApprovalRequestsQuerySchema.safeParse({ status: 'OPEN' }).error?.issues[0]?.message,
    ).toBe('Invalid status "OPEN": expected one of PENDING, APPROVED, REJECTED, EXPIRED, CANCELLED')
    expect(
      listApprovalRequestsQuerySchema.safeParse({ type: 'payment' }).error?.issues[0]?.message,
    ).toBe('Invalid type "payment": expected one of PAYMENT, EXTERNAL_APPROVAL, BUDGET, CARD')
  })
})

describe('approveApprovalRequestParamsSchema', () => {
  test('default: empty body; reason ≤ 500', () => {
    expect(approveApprovalRequestParamsSchema.parse({})).toEqual({})
    expect(rejectApprovalRequestParamsSchema.parse({ reason: 'Not budgeted' })).toEqual({
      reason: 'Not budgeted',
    })
    expect(approveApprovalRequestParamsSchema.safeParse({ reason: 'r'.repeat(500) }).success).toBe(
      true,
    )
    expect(rejectApprovalRequestParamsSchema.safeParse({ reason: 'r'.repeat(501) }).success).toBe(
      false,
    )
  })
})

describe('decideApprovalRequestResponseSchema', () => {
  test('default: a vote that does not decide yet', () => {
    expect(decideApprovalRequestResponseSchema.parse({ approvalRequest })).toEqual({
      approvalRequest,
    })
  })

  test('args: the final approval with the unblocked payment and its auto-execution', () => {
    const body = {
      approvalRequest: {
        ...approvalRequest,
        status: 'APPROVED',
        decidedAt: '2026-04-07T12:10:00.000Z',
        decidedBy: 'user_2',
      },
      paymentRequest: {
        requestId: 'req_cmm59z8fj000m49h7',
        status: 'APPROVED',
        expiresAt: '2026-04-07T12:15:00.000Z',
      },
      execution: {
        transactionId: 'tx_1',
        txHash: '0x5e1d3a76fbf824220eafc8c79ad578ad2b67d01b0c2425eb1f1347e8f50882ab',
        explorerUrl: 'https://explore.moderato.tempo.xyz/tx/0x5e1d',
        status: 'COMPLETED',
        simulated: true,
      },
    }
    expect(decideApprovalRequestResponseSchema.parse(body)).toEqual(body)
  })
})

describe('listSdkApprovalRequestsQuerySchema', () => {
  test('default: type all', () => {
    expect(listSdkApprovalRequestsQuerySchema.parse({})).toEqual({
      limit: 50,
      offset: 0,
      type: 'all',
    })
  })

  test('args: the documented ?type=payment&limit=100', () => {
    expect(listSdkApprovalRequestsQuerySchema.parse({ type: 'payment', limit: '100' })).toEqual({
      limit: 100,
      offset: 0,
      type: 'payment',
    })
    expect(
      listSdkApprovalRequestsQuerySchema.parse({ type: 'external', status: 'APPROVED' }).status,
    ).toBe('APPROVED')
  })

  test('error: unknown type lists payment, external, all', () => {
    expect(
      listSdkApprovalRequestsQuerySchema.safeParse({ type: 'PAYMENT' }).error?.issues[0]?.message,
    ).toBe('Invalid type "PAYMENT": expected one of payment, external, all')
  })
})

describe('listSdkApprovalRequestsResponseSchema', () => {
  test('default: the agent view of its requests', () => {
    const body = {
      requests: [
        {
          approvalRequestId: approvalRequest.id,
          paymentRequestId: 'req_cmm59z8fj000m49h7',
          status: 'PENDING',
          type: 'PAYMENT',
          amount: 750,
          recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
          createdAt: '2026-04-07T12:00:00.000Z',
          expiresAt: '2026-04-08T12:00:00.000Z',
          decidedAt: null,
        },
      ],
      pagination,
    }
    expect(listSdkApprovalRequestsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('createApprovalWorkflowParamsSchema', () => {
  test('default: documented defaults applied', () => {
    expect(createApprovalWorkflowParamsSchema.parse({ name: 'Large payments' })).toEqual({
      name: 'Large payments',
      priority: 50,
      isActive: true,
      triggerConditions: {},
      requiredApprovals: 1,
      timeoutHours: 24,
      allowSelfApproval: false,
      approverRoles: ['OWNER', 'ADMIN'],
      specificApprovers: [],
      sequentialApproval: false,
    })
  })

  test('args: every field (§2.10)', () => {
    const params = {
      name: 'Two approvers above $500 to new vendors',
      description: 'Finance sign-off',
      priority: 90,
      isActive: true,
      triggerConditions: {
        amountThreshold: 500,
        currency: 'USDC',
        categories: ['CLOUD', 'SAAS'],
        agentIds: ['cmm59z8fj000l49h7bjqza11p'],
        agentTypes: ['ANTHROPIC_CLAUDE'],
        newRecipients: true,
        counterpartyTrustLevel: 'UNKNOWN',
      },
      requiredApprovals: 2,
      timeoutHours: 48,
      allowSelfApproval: false,
      approverRoles: ['OWNER', 'ADMIN', 'MANAGER'],
      specificApprovers: ['user_1', 'user_2'],
      sequentialApproval: true,
    }
    expect(createApprovalWorkflowParamsSchema.parse(params)).toEqual(params)
  })

  test('args: name 1-100, description ≤ 500, priority 0-100', () => {
    const ok = (extra: object) =>
      createApprovalWorkflowParamsSchema.safeParse({ name: 'W', ...extra }).success
    expect(ok({ name: 'n'.repeat(100) })).toBe(true)
    expect(ok({ name: 'n'.repeat(101) })).toBe(false)
    expect(ok({ name: '  ' })).toBe(false)
    expect(ok({ description: 'd'.repeat(500) })).toBe(true)
    expect(ok({ description: 'd'.repeat(501) })).toBe(false)
    expect(ok({ priority: 0 })).toBe(true)
    expect(ok({ priority: 100 })).toBe(true)
    expect(ok({ priority: 101 })).toBe(false)
    expect(ok({ priority: -1 })).toBe(false)
  })

  test('args: requiredApprovals is an int ≥ 1; timeoutHours an int ≥ 1', () => {
    const ok = (extra: object) =>
      createApprovalWorkflowParamsSchema.safeParse({ name: 'W', ...extra }).success
    expect(ok({ requiredApprovals: 1 })).toBe(true)
    expect(ok({ requiredApprovals: 0 })).toBe(false)
    expect(ok({ requiredApprovals: 1.5 })).toBe(false)
    expect(ok({ timeoutHours: 1 })).toBe(true)
    expect(ok({ timeoutHours: 0 })).toBe(false)
    expect(ok({ timeoutHours: 721 })).toBe(false)
  })

  test('args: amountThreshold is ≥ 0 with at most 6 decimals (INVALID_AMOUNT)', () => {
    const parse = (amountThreshold: number) =>
      createApprovalWorkflowParamsSchema.safeParse({
        name: 'W',
        triggerConditions: { amountThreshold },
      })
    expect(parse(0).success).toBe(true)
    expect(parse(0.000001).success).toBe(true)
    expect(parse(100.1234567).success).toBe(false)
    const negative = parse(-1)
    expect(negative.success).toBe(false)
    expect(wireErrorCodeOf(negative.error?.issues ?? [])).toBe('INVALID_AMOUNT')
  })

  test('error: unknown approver role, agent type and trust level list the allowed values', () => {
    const message = (extra: object) =>
      createApprovalWorkflowParamsSchema.safeParse({ name: 'W', ...extra }).error?.issues[0]
        ?.message
    expect(message({ approverRoles: ['SUPERVISOR'] })).toBe(
      'Invalid approverRoles "SUPERVISOR": expected one of OWNER, ADMIN, MANAGER, MEMBER, VIEWER',
    )
    expect(message({ triggerConditions: { agentTypes: ['BOT'] } })).toContain('ANTHROPIC_CLAUDE')
    expect(message({ triggerConditions: { counterpartyTrustLevel: 'SHADY' } })).toContain(
      'TRUSTED, VERIFIED, UNKNOWN',
    )
  })
})

describe('updateApprovalWorkflowParamsSchema', () => {
  test('default: no defaults applied to a partial update', () => {
    expect(updateApprovalWorkflowParamsSchema.parse({ isActive: false })).toEqual({
      isActive: false,
    })
    expect(updateApprovalWorkflowParamsSchema.parse({ description: null })).toEqual({
      description: null,
    })
  })

  test('error: the same bounds as create', () => {
    expect(updateApprovalWorkflowParamsSchema.safeParse({ requiredApprovals: 0 }).success).toBe(
      false,
    )
    expect(updateApprovalWorkflowParamsSchema.safeParse({ name: 'n'.repeat(101) }).success).toBe(
      false,
    )
  })
})

describe('approvalWorkflowSchema', () => {
  test('default: a workflow with normalised trigger conditions; list envelope', () => {
    const workflow = {
      id: 'wf_1',
      name: 'Large payments',
      description: null,
      priority: 50,
      isActive: true,
      triggerConditions: {
        amountThreshold: 500,
        currency: null,
        categories: [],
        agentIds: [],
        agentTypes: [],
        newRecipients: false,
        counterpartyTrustLevel: null,
      },
      requiredApprovals: 1,
      timeoutHours: 24,
      allowSelfApproval: false,
      approverRoles: ['OWNER', 'ADMIN'],
      specificApprovers: [],
      sequentialApproval: false,
      createdAt: '2026-04-07T12:00:00.000Z',
      updatedAt: '2026-04-07T12:00:00.000Z',
    }
    expect(approvalWorkflowSchema.parse(workflow)).toEqual(workflow)
    expect(
      listApprovalWorkflowsResponseSchema.parse({ workflows: [workflow], pagination }).workflows,
    ).toHaveLength(1)
  })
})

describe('createNotificationChannelParamsSchema', () => {
  const approvalEvents = [
    'approval.requested',
    'approval.decided',
    'approval.escalated',
    'approval.expired',
  ]

  test('default: events = every approval event, isActive true', () => {
    expect(
      createNotificationChannelParamsSchema.parse({
        type: 'EMAIL',
        config: { recipients: ['finance@example.com'] },
      }),
    ).toEqual({
      type: 'EMAIL',
      config: { recipients: ['finance@example.com'] },
      events: approvalEvents,
      isActive: true,
    })
  })

  test.each([
    ['EMAIL', { recipients: ['a@example.com', 'b@example.com'] }],
    ['SLACK', { botToken: 'xoxb-123-456-abcDEF', channelId: 'C0123456789' }],
    ['TELEGRAM', { botToken: '123456789:AAH-abc_DEF', chatId: '-1001234567890' }],
    [
      'TELEGRAM',
      {
        botToken: '123456789:AAH-abc_DEF',
        chatId: '@conto_approvals',
        webhookSecretToken: 'sec_ret-1',
      },
    ],
    [
      'WHATSAPP',
      { phoneNumberId: '106540352242922', accessToken: 'EAAG...', recipients: ['+14155550123'] },
    ],
    ['WEBHOOK', { url: 'https://hooks.example.com/conto' }],
  ])('args: a valid %s config', (type, config) => {
    const parsed = createNotificationChannelParamsSchema.parse({ type, config, name: 'Finance' })
    expect(parsed.type).toBe(type)
    expect(parsed.config).toEqual(config)
  })

  test.each([
    ['EMAIL', { recipients: [] }, 'recipients must list at least one email address'],
    ['EMAIL', { recipients: ['not-an-email'] }, 'recipients must be email addresses'],
    [
      'SLACK',
      { botToken: 'xoxp-user-token', channelId: 'C0123456789' },
      'botToken must be a Slack bot token starting with xoxb-',
    ],
    ['SLACK', { botToken: 'xoxb-1-2' }, 'channelId is required'],
    [
      'TELEGRAM',
      { botToken: 'nope', chatId: '42' },
      'botToken must be a Telegram bot token such as 123456:ABC-DEF',
    ],
    [
      'TELEGRAM',
      { botToken: '1:a', chatId: 'general' },
      'chatId must be a numeric chat id or @channelname',
    ],
    [
      'WHATSAPP',
      { phoneNumberId: '106540352242922', accessToken: 'x', recipients: ['4155550123'] },
      'recipients must be E.164 phone numbers such as +14155550123',
    ],
    ['WHATSAPP', { accessToken: 'x', recipients: ['+14155550123'] }, 'phoneNumberId is required'],
    [
      'WEBHOOK',
      { url: 'ftp://hooks.example.com/conto' },
      'url must be an absolute https:// (or, in test mode, http://) URL',
    ],
  ])('error: an invalid %s config', (type, config, message) => {
    const result = createNotificationChannelParamsSchema.safeParse({ type, config })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message)
  })

  test('error: the webhook URL failure carries INVALID_WEBHOOK_URL', () => {
    const result = createNotificationChannelParamsSchema.safeParse({
      type: 'WEBHOOK',
      config: { url: 'ftp://x' },
    })
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_WEBHOOK_URL')
  })

  test('behavior: a config of another type does not pass (checked against type)', () => {
    expect(
      createNotificationChannelParamsSchema.safeParse({
        type: 'SLACK',
        config: { recipients: ['a@example.com'] },
      }).success,
    ).toBe(false)
  })

  test('behavior: payment.executed only on WEBHOOK channels', () => {
    expect(
      createNotificationChannelParamsSchema.parse({
        type: 'WEBHOOK',
        config: { url: 'https://hooks.example.com/conto' },
        events: ['approval.requested', 'payment.executed'],
      }).events,
    ).toEqual(['approval.requested', 'payment.executed'])
    const slack = createNotificationChannelParamsSchema.safeParse({
      type: 'SLACK',
      config: { botToken: 'xoxb-1-2', channelId: 'C0123456789' },
      events: ['payment.executed'],
    })
    expect(slack.error?.issues[0]?.message).toBe(
      'Invalid event "payment.executed": expected one of approval.requested, approval.decided, approval.escalated, approval.expired',
    )
  })

  test('error: unknown or missing type lists the channel types', () => {
    expect(
      createNotificationChannelParamsSchema.safeParse({ type: 'SMS', config: {} }).error?.issues[0]
        ?.message,
    ).toBe('Invalid type "SMS": expected one of EMAIL, SLACK, TELEGRAM, WHATSAPP, WEBHOOK')
    expect(
      createNotificationChannelParamsSchema.safeParse({ config: {} }).error?.issues[0]?.message,
    ).toBe('type is required')
  })

  test('error: empty events and a 101-character name', () => {
    const base = { type: 'EMAIL', config: { recipients: ['a@example.com'] } }
    expect(createNotificationChannelParamsSchema.safeParse({ ...base, events: [] }).success).toBe(
      false,
    )
    expect(
      createNotificationChannelParamsSchema.safeParse({ ...base, name: 'n'.repeat(100) }).success,
    ).toBe(true)
    expect(
      createNotificationChannelParamsSchema.safeParse({ ...base, name: 'n'.repeat(101) }).success,
    ).toBe(false)
  })
})

describe('updateNotificationChannelParamsSchema', () => {
  test('default: partial updates keep only what was sent', () => {
    expect(updateNotificationChannelParamsSchema.parse({ isActive: false })).toEqual({
      isActive: false,
    })
  })

  test('behavior: a config keeps all its fields (most specific shape first)', () => {
    const whatsapp = {
      phoneNumberId: '1065403522',
      accessToken: 'tok',
      recipients: ['+14155550123'],
    }
    expect(updateNotificationChannelParamsSchema.parse({ config: whatsapp }).config).toEqual(
      whatsapp,
    )
    const telegram = { botToken: '1:abc', chatId: '42', webhookSecretToken: 's' }
    expect(updateNotificationChannelParamsSchema.parse({ config: telegram }).config).toEqual(
      telegram,
    )
    expect(updateNotificationChannelParamsSchema.safeParse({ config: { foo: 1 } }).success).toBe(
      false,
    )
  })

  test('behavior: the server re-checks config against the stored type', () => {
    expect(
      notificationChannelConfigSchemas.SLACK.safeParse({ recipients: ['a@example.com'] }).success,
    ).toBe(false)
    expect(
      notificationChannelConfigSchemas.EMAIL.safeParse({ recipients: ['a@example.com'] }).success,
    ).toBe(true)
  })
})

describe('notificationChannelSchema', () => {
  test('default: a channel with masked secrets; list and test result', () => {
    const channel = {
      id: 'ch_1',
      type: 'SLACK',
      name: 'Finance approvals',
      config: { botToken: 'xoxb-…f3Qa', channelId: 'C0123456789' },
      events: ['approval.requested', 'approval.decided'],
      isActive: true,
      createdAt: '2026-04-07T12:00:00.000Z',
      updatedAt: '2026-04-07T12:00:00.000Z',
    }
    expect(notificationChannelSchema.parse(channel)).toEqual(channel)
    expect(
      listNotificationChannelsResponseSchema.parse({ channels: [channel], pagination }).channels,
    ).toHaveLength(1)
    expect(
      testNotificationChannelResponseSchema.parse({ success: false, message: 'invalid_auth' }),
    ).toEqual({
      success: false,
      message: 'invalid_auth',
    })
    expect(listNotificationChannelsQuerySchema.parse({ type: 'SLACK', isActive: 'true' })).toEqual({
      limit: 50,
      offset: 0,
      type: 'SLACK',
      isActive: true,
    })
  })
})

describe('approvalActionParamsSchema', () => {
  test('default: token and decision', () => {
    expect(approvalActionParamsSchema.parse({ token, decision: 'APPROVED' })).toEqual({
      token,
      decision: 'APPROVED',
    })
    expect(
      approvalActionParamsSchema.parse({ token, decision: 'REJECTED', reason: 'Unknown vendor' })
        .reason,
    ).toBe('Unknown vendor')
    expect(
      approvalActionResponseSchema.parse({ approvalRequestId: 'apr_1', status: 'APPROVED' }),
    ).toEqual({
      approvalRequestId: 'apr_1',
      status: 'APPROVED',
    })
  })

  test('error: malformed token → INVALID_APPROVAL_TOKEN; unknown decision listed', () => {
    const bad = approvalActionParamsSchema.safeParse({ token: 'abc', decision: 'APPROVED' })
    expect(wireErrorCodeOf(bad.error?.issues ?? [])).toBe('INVALID_APPROVAL_TOKEN')
    expect(
      approvalActionParamsSchema.safeParse({ token, decision: 'MAYBE' }).error?.issues[0]?.message,
    ).toBe('Invalid decision "MAYBE": expected one of APPROVED, REJECTED')
  })
})
