// The report as JSON: the stored document itself (what a run keeps), and its reader, which
// validates a stored or received document against the contract before anything renders it.
import { ReportDocument } from '../../contracts/report-document.ts'

export function renderReportJson(doc: ReportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** Parses and validates a stored document; a clear error names the first field that is wrong. */
export function parseReportDocument(json: string | unknown): ReportDocument {
  const value = typeof json === 'string' ? (JSON.parse(json) as unknown) : json
  const parsed = ReportDocument.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`not a report document: ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  }
  return parsed.data
}
