// Reports: one run's document, its renderings and its delivery. Usage (a report job):
//
//   import { buildReportDocument, renderReportHtml, renderReportPdf, renderReportCsvZip,
//            renderReportJson, reportEmail, sendReportEmail, smtpSettingsFromConfig,
//            deliverWebhook, reportWebhookPayload } from '@stackradar/core/reports'
//
//   const doc = await buildReportDocument(ch, {            // ReportSpecInput (contracts)
//     title: 'Backend market weekly', audience: 'Acme Recruiting',
//     skills: ['python', 'go'], categories: ['language'], filters: NO_FILTERS, currency: 'EUR',
//     period: { from: '2017-03-06', to: '2017-03-12', label: '2017-W10' },
//     comparison: { from: '2017-02-06', to: '2017-03-05', label: 'the 4 weeks before' },
//   })
//   // store renderReportJson(doc) with the run: an old run re-renders from it with the same numbers
//   const html = renderReportHtml(doc, { link })
//   const pdf = await renderReportPdf(html, { executablePath: cfg.CHROMIUM_PATH, footerText: doc.spec.title })
//   const zip = renderReportCsvZip(doc)                    // or renderReportCsvFiles(doc)
//   const smtp = smtpSettingsFromConfig(cfg)              // null when SMTP_HOST is unset
//   const mail = smtp && (await sendReportEmail(smtp, reportEmail(doc, { to, pdf, link })))
//   const hook = await deliverWebhook({ url, secret }, reportWebhookPayload(doc, { runId, link }))
//   // mail / hook: the contract's Delivery (channel, target, ok, attempts[]) to store with the run
//
// Every summary sentence lists the figure ids (`<table>/<key>/<field>`) its numbers come from;
// resolveFigure(doc, id) reads one back.
export {
  buildReportDocument,
  assembleReportDocument,
  parseReportSpec,
  ReportSpecError,
} from './build/document.ts'
export { figureId, formatFigure, resolveFigure, formatValue } from './build/figures.ts'
export { ALPHA, benjaminiHochberg, rateChangeTest } from './build/significance.ts'
export { trendWindowOf } from './build/gather.ts'
export { renderReportHtml, esc as escapeHtml } from './render/html.ts'
export { renderReportPdf, createPdfPrinter, type PdfPrinter, type PdfOptions } from './render/pdf.ts'
export { renderReportCsvFiles, renderReportCsvZip, type CsvFile } from './render/csv.ts'
export { renderReportJson, parseReportDocument } from './render/json.ts'
export {
  reportEmail,
  sendReportEmail,
  smtpSettingsFromConfig,
  type ReportEmail,
  type SmtpSettings,
} from './deliver/email.ts'
export {
  deliverWebhook,
  reportWebhookPayload,
  signWebhookBody,
  verifyWebhookSignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  DELIVERY_HEADER,
  type WebhookTarget,
} from './deliver/webhook.ts'
export { DEFAULT_RETRY, type DeliveryResult, type RetryPolicy } from './deliver/retry.ts'
export type { Delivery, DeliveryAttempt } from '../contracts/api/reports.ts'
export type { ReportDocument, ReportSpec, ReportSpecInput } from '../contracts/report-document.ts'
