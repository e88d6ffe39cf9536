import type { AlertType } from '@conto/schemas'
import { alerts } from '../db/schema.js'
import type { DbLike } from '../db/transaction.js'
import { createId } from '../ids.js'
import { emitEvent } from './events.js'

/** Raises an alert (status ACTIVE) and announces it (`alert.created`), in the caller's transaction. */
export interface NewAlert {
  readonly organizationId: string
  readonly type: AlertType
  readonly severity: 'INFO' | 'WARNING' | 'CRITICAL'
  readonly title: string
  readonly message: string
  readonly agentId?: string | null
  readonly walletId?: string | null
  readonly metadata?: Record<string, unknown>
}

export function raiseAlert(db: DbLike, now: number, alert: NewAlert): string {
  const id = createId()
  db.insert(alerts)
    .values({
      id,
      organizationId: alert.organizationId,
      type: alert.type,
      severity: alert.severity,
      status: 'ACTIVE',
      title: alert.title,
      message: alert.message,
      agentId: alert.agentId ?? null,
      walletId: alert.walletId ?? null,
      metadata: alert.metadata ?? null,
      createdAt: now,
    })
    .run()
  emitEvent(db, now, alert.organizationId, 'alert.created', {
    alertId: id,
    type: alert.type,
    severity: alert.severity,
    title: alert.title,
    agentId: alert.agentId ?? null,
  })
  return id
}
