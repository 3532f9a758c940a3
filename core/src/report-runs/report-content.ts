// The ReportContent of a real install: a run's definition snapshot and period become a ReportSpec
// for the report builder (core/src/reports), its document is rendered to HTML, PDF (Chromium),
// CSV (a zip of one file per table) and JSON, and delivered by SMTP (the PDF attached) and a
// signed webhook, each with its per-attempt log.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Config } from '../config.ts'
import type { Delivery, ReportFormat, ReportRun } from '../contracts/api/reports.ts'
import type { ReportDocument, ReportSpecInput } from '../contracts/report-document.ts'
import {
  buildReportDocument,
  parseReportDocument,
  renderReportCsvZip,
  renderReportHtml,
  renderReportJson,
  renderReportPdf,
  reportEmail,
  reportWebhookPayload,
  sendReportEmail,
  smtpSettingsFromConfig,
  deliverWebhook,
  type RetryPolicy,
  type SmtpSettings,
} from '../reports/index.ts'
import { notSent, type DeliveryInput, type RenderedFile, type ReportContent } from './content.ts'

export interface ReportContentOptions {
  chromiumPath: string
  smtp: SmtpSettings | null
  webhookSecret: string | null
  /** Delivery retries (default: the deliverers' own policy). */
  retry?: RetryPolicy
  /** Refuses a webhook URL before sending (the composition root passes the private-address guard). */
  checkWebhookUrl?: (url: URL) => Promise<void>
}

export function reportContentOptions(
  cfg: Pick<
    Config,
    | 'CHROMIUM_PATH'
    | 'REPORT_WEBHOOK_SECRET'
    | 'SMTP_HOST'
    | 'SMTP_PORT'
    | 'SMTP_TLS'
    | 'SMTP_USER'
    | 'SMTP_PASSWORD'
    | 'SMTP_FROM'
  >,
): ReportContentOptions {
  return {
    chromiumPath: cfg.CHROMIUM_PATH,
    smtp: smtpSettingsFromConfig(cfg),
    webhookSecret: cfg.REPORT_WEBHOOK_SECRET ?? null,
  }
}

/** The builder's spec for a run: the definition as it was, the run's period and comparison window. */
export function reportSpecOf(run: ReportRun): ReportSpecInput {
  const def = run.definition
  const f = def.filters
  return {
    title: def.name,
    audience: def.audience,
    skills: def.skills,
    categories: def.categories,
    filters: {
      from: null,
      to: null,
      source: f.source,
      category: [],
      country: f.country,
      region: f.region,
      work_mode: f.work_mode,
      seniority: f.seniority,
      industry: f.industry,
      role_family: [],
      employment_type: [],
    },
    currency: def.currency,
    period: run.period,
    comparison: run.comparePeriod ?? run.period,
  }
}

const fileBase = (run: ReportRun) =>
  `stackradar-${
    run.definition.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'report'
  }-${run.period.label}`

async function renderPdf(doc: ReportDocument, chromiumPath: string, link?: string): Promise<Uint8Array> {
  return renderReportPdf(renderReportHtml(doc, link ? { link } : {}), {
    executablePath: chromiumPath,
    footerText: doc.spec.title,
  })
}

export function reportContent(opts: ReportContentOptions): ReportContent {
  return {
    build: (ch: ClickHouseClient, run: ReportRun) => buildReportDocument(ch, reportSpecOf(run)),

    async render(document: unknown, format: ReportFormat, run: ReportRun): Promise<RenderedFile> {
      const doc = parseReportDocument(document)
      const base = fileBase(run)
      const text = (s: string) => new TextEncoder().encode(s)
      switch (format) {
        case 'html':
          return {
            name: `${base}.html`,
            contentType: 'text/html; charset=utf-8',
            body: text(renderReportHtml(doc)),
          }
        case 'pdf':
          return {
            name: `${base}.pdf`,
            contentType: 'application/pdf',
            body: await renderPdf(doc, opts.chromiumPath),
          }
        case 'csv':
          return { name: `${base}-csv.zip`, contentType: 'application/zip', body: renderReportCsvZip(doc) }
        case 'json':
          return { name: `${base}.json`, contentType: 'application/json', body: text(renderReportJson(doc)) }
      }
    },

    async deliver({ run, document, files, link }: DeliveryInput): Promise<Delivery[]> {
      const doc = parseReportDocument(document)
      const def = run.definition
      const out: Delivery[] = []
      const policy = opts.retry ? { policy: opts.retry } : {}
      if (def.recipients.length > 0) {
        const target = def.recipients.join(', ')
        if (!opts.smtp) {
          out.push(notSent('email', target, 'e-mail is not set up on this server (SMTP_HOST)'))
        } else {
          const pdf =
            files.find((f) => f.format === 'pdf')?.body ??
            (await renderPdf(doc, opts.chromiumPath, link ?? undefined))
          const mail = reportEmail(doc, {
            to: def.recipients,
            pdf,
            ...(link ? { link } : {}),
            filename: `${fileBase(run)}.pdf`,
          })
          const r = await sendReportEmail(opts.smtp, mail, policy)
          out.push({ channel: 'email', target, ok: r.ok, attempts: r.attempts })
        }
      }
      if (def.webhookUrl) {
        const target = def.webhookUrl.split('?')[0]!
        if (!opts.webhookSecret) {
          out.push(
            notSent('webhook', target, 'webhooks are not set up on this server (REPORT_WEBHOOK_SECRET)'),
          )
        } else {
          const payload = reportWebhookPayload(doc, { runId: run.id, ...(link ? { link } : {}) })
          const r = await deliverWebhook({ url: def.webhookUrl, secret: opts.webhookSecret }, payload, {
            ...policy,
            deliveryId: `${run.id}-${Date.now()}`,
            ...(opts.checkWebhookUrl ? { checkUrl: opts.checkWebhookUrl } : {}),
          })
          out.push({ channel: 'webhook', target, ok: r.ok, attempts: r.attempts })
        }
      }
      return out
    },
  }
}
