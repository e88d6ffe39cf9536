import type { ChannelEnvelope } from './channel-outbox.js'

/**
 * The plain text a chat or email channel shows for a message (Slack, Telegram and WhatsApp
 * render it as is). WEBHOOK channels get the JSON envelope instead. An `approval.requested`
 * message ends with how to approve or reject: the action URL and each one-time token.
 */
export function renderChannelText(envelope: ChannelEnvelope): string {
  const data = envelope.data
  const field = (name: string): string | undefined => {
    const value = data[name]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
  }
  const amount = [field('amount'), field('currency')].filter(Boolean).join(' ')
  const id = field('approvalRequestId') ?? ''
  const lines: string[] = []
  switch (envelope.event) {
    case 'approval.requested': {
      lines.push(`Conto: approval requested for ${amount || 'a payment'}`)
      const recipient = field('recipientAddress')
      if (recipient) lines.push(`To: ${recipient}`)
      const agent = field('agentId')
      if (agent) lines.push(`Agent: ${agent}`)
      const purpose = field('purpose')
      if (purpose) lines.push(`Purpose: ${purpose}`)
      const reasons = Array.isArray(data['reasons'])
        ? data['reasons'].filter((reason): reason is string => typeof reason === 'string')
        : []
      if (reasons.length > 0) lines.push(`Why: ${reasons.join('; ')}`)
      lines.push(`Approval request: ${id}`)
      const actions = envelope.actions
      if (actions) {
        lines.push(
          `Decide before ${actions.expiresAt} with POST ${actions.url} and a JSON body:`,
          `Approve: {"token":"${actions.approve.token}","decision":"APPROVED"}`,
          `Reject: {"token":"${actions.reject.token}","decision":"REJECTED"}`,
          'Each token works once; using one cancels the other.',
        )
      }
      break
    }
    case 'approval.decided':
      lines.push(
        `Conto: approval request ${id} was ${field('status') ?? field('decision') ?? 'decided'}` +
          (amount ? ` (${amount})` : ''),
      )
      if (field('reason')) lines.push(`Reason: ${field('reason')}`)
      break
    case 'approval.expired':
      lines.push(
        `Conto: approval request ${id} expired without a decision${amount ? ` (${amount})` : ''}`,
      )
      break
    case 'approval.escalated':
      lines.push(`Conto: approval request ${id} was escalated${amount ? ` (${amount})` : ''}`)
      break
    case 'payment.executed':
      lines.push(
        `Conto: payment ${field('requestId') ?? ''} executed${amount ? ` (${amount})` : ''}`,
      )
      break
    default:
      lines.push(field('message') ?? `Conto: ${envelope.event}`)
  }
  return lines.join('\n')
}
