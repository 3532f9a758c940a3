// Report delivery by e-mail over SMTP (nodemailer): the summary as text and HTML, a link to the run,
// the PDF attached. Host, port, TLS mode and credentials come from the config (SMTP_*). The password
// never appears in a delivery log or a log line: every error text is scrubbed of it before it is
// kept. SMTP 5xx replies and refused logins are permanent; connection failures and 4xx are retried.
import nodemailer from 'nodemailer'
import type { Config } from '../../config.ts'
import type { ReportDocument } from '../../contracts/report-document.ts'
import { redactCredentials } from '../../user-error.ts'
import { esc } from '../render/html.ts'
import { DEFAULT_RETRY, withAttempts, type DeliveryResult, type RetryPolicy } from './retry.ts'

export interface SmtpSettings {
  host: string
  port: number
  tls: 'tls' | 'starttls' | 'none'
  user: string
  password: string
  from: string
}

/** The SMTP settings of the config; null when SMTP_HOST is unset (e-mail delivery is off). */
export function smtpSettingsFromConfig(
  cfg: Pick<Config, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_TLS' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_FROM'>,
): SmtpSettings | null {
  if (!cfg.SMTP_HOST) return null
  return {
    host: cfg.SMTP_HOST,
    port: cfg.SMTP_PORT,
    tls: cfg.SMTP_TLS,
    user: cfg.SMTP_USER,
    password: cfg.SMTP_PASSWORD,
    from: cfg.SMTP_FROM,
  }
}

/** nodemailer's transport options for the settings (exported for the TLS-mode test). */
export function transportOptions(s: SmtpSettings) {
  return {
    host: s.host,
    port: s.port,
    secure: s.tls === 'tls',
    requireTLS: s.tls === 'starttls',
    ignoreTLS: s.tls === 'none',
    auth: s.user ? { user: s.user, pass: s.password } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    logger: false,
    debug: false,
  }
}

export interface ReportEmail {
  to: string[]
  subject: string
  text: string
  html: string
  attachments: { filename: string; content: Uint8Array; contentType: string }[]
}

/** The e-mail of a run: summary sentences, warnings, the link, and the PDF attached. */
export function reportEmail(
  doc: ReportDocument,
  opts: { to: string[]; pdf: Uint8Array; link?: string; filename?: string },
): ReportEmail {
  const { spec } = doc
  const subject = `${spec.title}: ${spec.period.label}`
  const lines = [
    spec.title,
    spec.audience ? `Prepared for ${spec.audience}` : '',
    `${spec.period.label} (${spec.period.from} to ${spec.period.to}), compared with ${spec.comparison.label}`,
    '',
    ...doc.summary.map((s) => `- ${s.text}`),
    ...(doc.warnings.length ? ['', 'Read with care:', ...doc.warnings.map((w) => `- ${w.text}`)] : []),
    '',
    opts.link ? `Online: ${opts.link}` : '',
    'The full report is attached as a PDF.',
  ].filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
  const html = `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#1d2939;max-width:640px">
<p style="font-size:11px;letter-spacing:.1em;text-transform:uppercase;color:#667085">StackRadar report</p>
<h1 style="font-size:20px;color:#102a43;margin:0 0 4px">${esc(spec.title)}</h1>
<p style="margin:0 0 12px;color:#475467">${spec.audience ? `Prepared for <b>${esc(spec.audience)}</b> · ` : ''}${esc(spec.period.label)}, compared with ${esc(spec.comparison.label)}</p>
<ul>${doc.summary.map((s) => `<li style="margin-bottom:6px">${esc(s.text)}</li>`).join('')}</ul>
${doc.warnings.length ? `<p style="color:#93370d"><b>Read with care:</b></p><ul>${doc.warnings.map((w) => `<li>${esc(w.text)}</li>`).join('')}</ul>` : ''}
${opts.link ? `<p><a href="${esc(opts.link)}" style="color:#1849a9">Open this report online</a></p>` : ''}
<p style="color:#667085;font-size:12px">The full report is attached as a PDF.</p></body></html>`
  return {
    to: opts.to,
    subject,
    text: lines.join('\n'),
    html,
    attachments: [
      {
        filename: opts.filename ?? `${slug(spec.title)}-${slug(spec.period.label)}.pdf`,
        content: opts.pdf,
        contentType: 'application/pdf',
      },
    ],
  }
}

export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'report'
  )
}

interface SmtpError extends Error {
  code?: string
  responseCode?: number
  response?: string
}

export async function sendReportEmail(
  settings: SmtpSettings,
  mail: ReportEmail,
  opts: { policy?: RetryPolicy } = {},
): Promise<DeliveryResult> {
  if (!mail.to.length) throw new Error('report e-mail: no recipients')
  const scrub = (text: string) => {
    let out = redactCredentials(text)
    if (settings.password) out = out.split(settings.password).join('[redacted]')
    return out
  }
  const transport = nodemailer.createTransport(transportOptions(settings))
  try {
    return await withAttempts('email', mail.to.join(', '), opts.policy ?? DEFAULT_RETRY, async () => {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            content: Buffer.from(a.content),
            contentType: a.contentType,
          })),
        })
        const code = Number(/^(\d{3})/.exec(info.response ?? '')?.[1] ?? NaN)
        return { ok: true, status: Number.isNaN(code) ? null : code, error: null, retryable: false }
      } catch (err) {
        const e = err as SmtpError
        const code = e.responseCode ?? null
        const permanent = e.code === 'EAUTH' || (code !== null && code >= 500)
        return {
          ok: false,
          status: code,
          error: scrub(`${e.code ? `${e.code}: ` : ''}${e.message}`),
          retryable: !permanent,
        }
      }
    })
  } finally {
    transport.close()
  }
}
