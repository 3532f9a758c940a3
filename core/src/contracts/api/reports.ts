// Agency reports: a report definition (what to report on, for whom, when, to whom), a run of it
// (the definition as it was, the period, the files and the delivery log) and the API's request and
// response shapes for /api/v1/reports. Browser-safe (zod only): the dashboard's Reports page, the
// CLI, the API and the report builder all import these.
import { z } from 'zod'
import { SENIORITIES, WORK_MODES } from './analytics-filters.ts'
import { SKILL_ID } from './common.ts'

export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'json'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** An IANA time zone the runtime knows (Europe/Berlin, America/New_York, UTC). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz })
      return true
    } catch {
      return false
    }
  }, 'expected an IANA time zone such as Europe/Berlin')
  .meta({ example: 'Europe/Berlin' })

const hour = z.number().int().min(0).max(23).meta({ description: 'local hour of the day (0–23)' })

/** When a report is generated: weekly on a weekday and hour, or monthly on a day and hour. */
export const ReportCadence = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('weekly'),
      weekday: z.number().int().min(1).max(7).meta({ description: 'ISO weekday, 1 = Monday … 7 = Sunday' }),
      hour,
      timeZone: TimeZone,
    }),
    z.object({
      kind: z.literal('monthly'),
      day: z
        .number()
        .int()
        .min(1)
        .max(28)
        .meta({ description: 'day of the month (1–28, so every month has it)' }),
      hour,
      timeZone: TimeZone,
    }),
  ])
  .meta({ id: 'ReportCadence' })
export type ReportCadence = z.infer<typeof ReportCadence>

/**
 * What a run's numbers are compared with: the `periods` periods right before the reported one
 * (previous_period) or the same span a year earlier (year_ago).
 */
export const ReportComparison = z
  .object({
    kind: z.enum(['previous_period', 'year_ago']).default('previous_period'),
    periods: z
      .number()
      .int()
      .min(1)
      .max(52)
      .default(1)
      .meta({ description: 'length of the comparison window in periods' }),
  })
  .meta({ id: 'ReportComparison' })
export type ReportComparison = z.infer<typeof ReportComparison>

const shortList = (item: z.ZodType<string>) => z.array(item).max(50).default([])
const tag = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.&-]*$/, 'letters, digits, space, _ . & -')

/** The analytics filters a report applies (the same values as the analytics API's filter set). */
export const ReportFilters = z
  .object({
    country: shortList(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as DE')),
    region: shortList(tag),
    work_mode: z.array(z.enum(WORK_MODES)).max(WORK_MODES.length).default([]),
    seniority: z.array(z.enum(SENIORITIES)).max(SENIORITIES.length).default([]),
    industry: shortList(tag),
    source: shortList(z.string().regex(/^[a-z0-9-]{1,40}$/, 'a source id such as hn')),
  })
  .meta({ id: 'ReportFilters' })
export type ReportFilters = z.infer<typeof ReportFilters>

const EMPTY_FILTERS: ReportFilters = {
  country: [],
  region: [],
  work_mode: [],
  seniority: [],
  industry: [],
  source: [],
}

/** The fields a user sets, without defaults (the update body takes any subset of them). */
const definitionFields = {
  name: z.string().trim().min(1).max(120),
  audience: z.string().trim().max(120).meta({ description: 'agency or client name shown on the cover' }),
  skills: z.array(z.string().regex(SKILL_ID, 'a skill id such as python')).max(20),
  categories: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/, 'a category id such as language')).max(30),
  filters: ReportFilters,
  cadence: ReportCadence,
  comparison: ReportComparison,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  recipients: z.array(z.email()).max(50),
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  formats: z.array(z.enum(REPORT_FORMATS)).min(1).max(REPORT_FORMATS.length),
  enabled: z.boolean().meta({ description: 'false: kept, but not generated on schedule' }),
}

/** POST body: every field but name has a default. */
export const ReportDefinitionInput = z
  .object({
    ...definitionFields,
    audience: definitionFields.audience.default(''),
    skills: definitionFields.skills.default([]),
    categories: definitionFields.categories.default([]),
    filters: definitionFields.filters.default(EMPTY_FILTERS),
    cadence: definitionFields.cadence.default({ kind: 'weekly', weekday: 1, hour: 8, timeZone: 'UTC' }),
    comparison: definitionFields.comparison.default({ kind: 'previous_period', periods: 1 }),
    currency: definitionFields.currency.default('USD'),
    recipients: definitionFields.recipients.default([]),
    webhookUrl: definitionFields.webhookUrl.default(null),
    formats: definitionFields.formats.default(['pdf', 'csv']),
    enabled: definitionFields.enabled.default(true),
  })
  .meta({ id: 'ReportDefinitionInput' })
export type ReportDefinitionInput = z.input<typeof ReportDefinitionInput>

/** PATCH body: any subset of the fields; absent fields keep their value. */
export const ReportDefinitionUpdate = z
  .object(definitionFields)
  .partial()
  .meta({ id: 'ReportDefinitionUpdate' })
export type ReportDefinitionUpdate = z.input<typeof ReportDefinitionUpdate>

export const ReportDefinition = z
  .object({
    ...definitionFields,
    id: z.string().regex(/^rep_[a-z0-9]{8,40}$/),
    createdAt: z.string().meta({ description: 'ISO 8601 UTC' }),
    updatedAt: z.string(),
  })
  .meta({ id: 'ReportDefinition' })
export type ReportDefinition = z.output<typeof ReportDefinition>

/** A report period: first and last day (inclusive, YYYY-MM-DD) and its label (2017-W10, 2017-03). */
export const ReportPeriod = z
  .object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    label: z.string().max(40).meta({ description: '2017-W10, 2017-03, or first..last for a span' }),
  })
  .meta({ id: 'ReportPeriod' })
export type ReportPeriod = z.infer<typeof ReportPeriod>

/** A period label as a user types it: an ISO week 2017-W10 or a month 2017-03. */
export const PERIOD_LABEL = /^(\d{4})-(?:W(\d{2})|(\d{2}))$/

export const RUN_STATUSES = [
  'queued',
  'generating',
  'generated', // files stored, nothing to deliver or delivery not tried yet
  'delivered', // every delivery succeeded
  'delivery_failed', // files stored, at least one delivery failed: resend it
  'failed', // no files: building or rendering failed
] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export const RUN_TRIGGERS = ['schedule', 'manual'] as const

export const ReportFile = z
  .object({
    format: z.enum(REPORT_FORMATS),
    name: z.string().meta({ example: 'stackradar-2017-W10.pdf' }),
    contentType: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
  })
  .meta({ id: 'ReportFile' })
export type ReportFile = z.infer<typeof ReportFile>

export const DeliveryAttempt = z.object({
  at: z.string(),
  ok: z.boolean(),
  /** HTTP status (webhook) or SMTP reply code (e-mail), when there was an answer. */
  code: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
})
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>

export const Delivery = z
  .object({
    channel: z.enum(['email', 'webhook']),
    /** E-mail: the recipients; webhook: the URL without its query string. */
    target: z.string(),
    ok: z.boolean(),
    attempts: z.array(DeliveryAttempt),
  })
  .meta({ id: 'Delivery' })
export type Delivery = z.infer<typeof Delivery>

export const ReportRun = z
  .object({
    id: z.string(),
    reportId: z.string(),
    definition: ReportDefinition.meta({ description: 'the definition as it was when the run started' }),
    period: ReportPeriod,
    comparePeriod: ReportPeriod.nullable(),
    trigger: z.enum(RUN_TRIGGERS),
    status: z.enum(RUN_STATUSES),
    error: z.string().nullable(),
    files: z.array(ReportFile),
    deliveries: z.array(Delivery),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    shared: z.boolean().meta({ description: 'a share link is active' }),
  })
  .meta({ id: 'ReportRun' })
export type ReportRun = z.infer<typeof ReportRun>

export const ReportListResponse = z
  .object({
    reports: z.array(
      ReportDefinition.extend({
        lastRun: ReportRun.pick({ id: true, status: true, period: true, createdAt: true }).nullable(),
        nextRunAt: z.string().nullable().meta({ description: 'next scheduled generation (ISO 8601 UTC)' }),
      }),
    ),
  })
  .meta({ id: 'ReportListResponse' })
export type ReportListResponse = z.infer<typeof ReportListResponse>

export const ReportRunListResponse = z
  .object({ runs: z.array(ReportRun) })
  .meta({ id: 'ReportRunListResponse' })
export type ReportRunListResponse = z.infer<typeof ReportRunListResponse>

/** POST /api/v1/reports/{id}/run: a period label (default: the last complete period). */
export const RunNowInput = z
  .object({
    period: z.string().regex(PERIOD_LABEL, 'a week 2017-W10 or a month 2017-03').optional(),
    deliver: z.boolean().default(true).meta({ description: 'false: generate and store only' }),
  })
  .meta({ id: 'RunNowInput' })
export type RunNowInput = z.input<typeof RunNowInput>

/** POST /api/v1/reports/{id}/runs/{runId}/share: a link that works without a key until revoked. */
export const ShareLinkResponse = z
  .object({ url: z.string(), token: z.string() })
  .meta({ id: 'ShareLinkResponse' })
export type ShareLinkResponse = z.infer<typeof ShareLinkResponse>

/** GET /api/v1/shared/{token}: what a share link shows (no recipients, no webhook, no filters' internals). */
export const SharedRunResponse = z
  .object({
    name: z.string(),
    audience: z.string(),
    period: ReportPeriod,
    comparePeriod: ReportPeriod.nullable(),
    createdAt: z.string(),
    files: z.array(
      ReportFile.pick({ format: true, name: true, contentType: true, bytes: true }).extend({
        url: z.string().meta({ description: 'download path, relative to the API host' }),
      }),
    ),
  })
  .meta({ id: 'SharedRunResponse' })
export type SharedRunResponse = z.infer<typeof SharedRunResponse>
