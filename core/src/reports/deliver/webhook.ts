// Report delivery to a webhook: POST of a JSON body, signed so the receiver can tell it came from
// this install and was not changed or replayed. Headers:
//   X-StackRadar-Timestamp: unix seconds of this attempt
//   X-StackRadar-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
//   X-StackRadar-Delivery:  one id for all attempts of a delivery (receivers de-duplicate on it)
// Network errors, 408/425/429 and 5xx are retried with backoff (Retry-After honoured); other
// answers end the delivery. Redirects are not followed. The secret never enters a log line.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import type { ReportDocument } from '../../contracts/report-document.ts'
import { redactCredentials } from '../../user-error.ts'
import { DEFAULT_RETRY, withAttempts, type DeliveryResult, type RetryPolicy } from './retry.ts'

export const SIGNATURE_HEADER = 'X-StackRadar-Signature'
export const TIMESTAMP_HEADER = 'X-StackRadar-Timestamp'
export const DELIVERY_HEADER = 'X-StackRadar-Delivery'

export interface WebhookTarget {
  url: string
  secret: string
}

export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** For receivers: a signature that matches and a timestamp within `toleranceSeconds` of now. */
export function verifyWebhookSignature(
  secret: string,
  headers: { signature: string | null | undefined; timestamp: string | null | undefined },
  body: string,
  opts: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  const ts = Number(headers.timestamp)
  if (!headers.signature || !Number.isInteger(ts)) return false
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000)
  if (Math.abs(now - ts) > (opts.toleranceSeconds ?? 300)) return false
  const want = Buffer.from(signWebhookBody(secret, ts, body))
  const got = Buffer.from(headers.signature)
  return got.length === want.length && timingSafeEqual(got, want)
}

const RETRY_STATUSES = new Set([408, 425, 429])

function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}

export interface WebhookOptions {
  policy?: RetryPolicy
  /** Per attempt. Default 15 s. */
  timeoutMs?: number
  deliveryId?: string
  /** Test seam for the signature's timestamp. */
  now?: () => Date
  /**
   * Refuses a URL before anything is sent (throws with the reason), e.g. the scraper's private-
   * address guard honouring ALLOW_PRIVATE_HOSTS; the refusal is logged as a failed attempt.
   */
  checkUrl?: (url: URL) => Promise<void>
}

export async function deliverWebhook(
  target: WebhookTarget,
  payload: unknown,
  opts: WebhookOptions = {},
): Promise<DeliveryResult> {
  const url = new URL(target.url)
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`webhook URL must be http(s): ${redactCredentials(target.url)}`)
  const body = JSON.stringify(payload)
  const deliveryId = opts.deliveryId ?? randomUUID()
  // The log names the URL without credentials or query string (tokens often live there).
  const shownUrl = redactCredentials(`${url.origin}${url.pathname}`)
  return withAttempts('webhook', shownUrl, opts.policy ?? DEFAULT_RETRY, async (attempt) => {
    if (opts.checkUrl) {
      try {
        await opts.checkUrl(url)
      } catch (err) {
        return { ok: false, status: null, error: `refused: ${(err as Error).message}`, retryable: false }
      }
    }
    const timestamp = Math.floor((opts.now?.() ?? new Date()).getTime() / 1000)
    let res: Response
    try {
      res = await fetch(url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'StackRadar-Webhook/1',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhookBody(target.secret, timestamp, body),
          [DELIVERY_HEADER]: deliveryId,
          'X-StackRadar-Attempt': String(attempt),
        },
      })
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } }
      const reason =
        e.name === 'TimeoutError' ? 'timed out' : (e.cause?.code ?? e.cause?.message ?? e.message)
      return { ok: false, status: null, error: `request failed: ${reason}`, retryable: true }
    }
    const text = (await res.text().catch(() => '')).slice(0, 200)
    const ok = res.status >= 200 && res.status < 300
    return {
      ok,
      status: res.status,
      error: ok ? null : `HTTP ${res.status}${text ? `: ${text}` : ''}`,
      retryable: res.status >= 500 || RETRY_STATUSES.has(res.status),
      retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
    }
  })
}

/** The JSON a report's webhook receives: what the run is, its summary, links and the document. */
export function reportWebhookPayload(
  doc: ReportDocument,
  run: { runId?: string; link?: string; files?: Record<string, string> } = {},
) {
  return {
    event: 'report.run.completed',
    runId: run.runId ?? null,
    title: doc.spec.title,
    audience: doc.spec.audience,
    period: doc.spec.period,
    comparison: doc.spec.comparison,
    generatedAt: doc.generatedAt,
    summary: doc.summary.map((s) => s.text),
    link: run.link ?? null,
    files: run.files ?? {},
    document: doc,
  }
}
