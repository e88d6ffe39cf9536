import type { Conto, RequestPaymentParams } from '@conto/sdk'

/**
 * An agent asks Conto before it pays. A decision is a result, not an error, so the agent switches
 * on `status`: it executes an APPROVED payment, explains a DENIED one, and waits for a human when
 * the payment REQUIRES_APPROVAL.
 */

/** What the agent did with the decision. */
export type Outcome =
  | {
      status: 'PAID'
      requestId: string
      transactionId: string
      txHash: string
      explorerUrl: string
    }
  | { status: 'DENIED'; requestId: string; reason: string; nextSteps: string[] }
  | { status: 'WAITING_FOR_APPROVAL'; requestId: string; approvalRequestId: string | undefined }
  | { status: 'VERIFICATION_REQUIRED'; requestId: string; verifyUrl: string }

/** The payment this example makes when none is given: 25 (pathUSD in test mode) for API credits. */
export const examplePayment: RequestPaymentParams = {
  amount: 25,
  recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
  recipientName: 'Acme Data API',
  purpose: 'API credits for the research task',
  category: 'API_PROVIDER',
}

export async function main(
  conto: Conto,
  payment: RequestPaymentParams = examplePayment,
): Promise<Outcome> {
  const result = await conto.payments.request(payment)

  switch (result.status) {
    case 'APPROVED': {
      // Reserved for 5 minutes (`result.expiresAt`): execute now.
      const execution = await conto.payments.execute(result.requestId)
      console.log(`Paid ${result.amount} ${result.currency}: ${execution.explorerUrl}`)
      return {
        status: 'PAID',
        requestId: result.requestId,
        transactionId: execution.transactionId,
        txHash: execution.txHash,
        explorerUrl: execution.explorerUrl,
      }
    }
    case 'DENIED': {
      const reason = result.reasons[0] ?? 'Denied by policy'
      console.log(`Not paying: ${reason}`)
      for (const violation of result.violations) {
        console.log(`  ${violation.type}: limit ${violation.limit}, current ${violation.current}`)
      }
      return {
        status: 'DENIED',
        requestId: result.requestId,
        reason,
        nextSteps: result.context?.nextSteps ?? [],
      }
    }
    case 'REQUIRES_APPROVAL':
      // A human decides; poll `conto.payments.status(requestId)` and execute once APPROVED.
      console.log(`Waiting for a human to approve ${result.approvalRequestId ?? result.requestId}`)
      return {
        status: 'WAITING_FOR_APPROVAL',
        requestId: result.requestId,
        approvalRequestId: result.approvalRequestId,
      }
    case 'VERIFICATION_REQUIRED':
      // Only merchants that gate on identity (AgentScore) ask for this step-up.
      console.log(`Verify first: ${result.verification.verifyUrl}`)
      return {
        status: 'VERIFICATION_REQUIRED',
        requestId: result.requestId,
        verifyUrl: result.verification.verifyUrl,
      }
  }
}
