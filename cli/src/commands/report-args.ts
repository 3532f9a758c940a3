// Flags of `stackradar report …` → a report definition input (validated by the contract, so a bad
// value is refused with the field it concerns). Lists are comma-separated.
import { ReportDefinitionInput, WEEKDAYS } from '@stackradar/core/contracts/api'
import { UserError } from '@stackradar/core/user-error'

export const DEFINITION_OPTIONS = {
  name: { type: 'string' },
  audience: { type: 'string' },
  skills: { type: 'string' },
  categories: { type: 'string' },
  country: { type: 'string' },
  region: { type: 'string' },
  'work-mode': { type: 'string' },
  seniority: { type: 'string' },
  industry: { type: 'string' },
  source: { type: 'string' },
  weekly: { type: 'string' },
  monthly: { type: 'string' },
  tz: { type: 'string' },
  compare: { type: 'string' },
  'compare-periods': { type: 'string' },
  currency: { type: 'string' },
  to: { type: 'string' },
  webhook: { type: 'string' },
  formats: { type: 'string' },
} as const

export const DEFINITION_FLAGS = `--name NAME [--audience TEXT] [--skills python,go] [--categories language]
    [--country DE,FR] [--region europe] [--work-mode remote] [--seniority senior] [--industry fintech]
    [--source hn] [--weekly mon@8 | --monthly 1@8] [--tz Europe/Berlin] [--compare previous|year_ago]
    [--compare-periods 4] [--currency EUR] [--to a@x.com,b@y.com] [--webhook URL] [--formats pdf,csv,html,json]`

type Values = Partial<Record<keyof typeof DEFINITION_OPTIONS, string>>

const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)

function cadence(values: Values) {
  const timeZone = values.tz ?? 'UTC'
  if (values.weekly) {
    const m = /^([a-z]{3})@(\d{1,2})$/i.exec(values.weekly)
    const weekday = m ? WEEKDAYS.indexOf(m[1]!.toLowerCase() as (typeof WEEKDAYS)[number]) + 1 : 0
    if (!m || weekday === 0)
      throw new UserError(`--weekly: expected DAY@HOUR such as mon@8 (got ${values.weekly})`)
    return { kind: 'weekly' as const, weekday, hour: Number(m[2]), timeZone }
  }
  if (values.monthly) {
    const m = /^(\d{1,2})@(\d{1,2})$/.exec(values.monthly)
    if (!m) throw new UserError(`--monthly: expected DAY@HOUR such as 1@8 (got ${values.monthly})`)
    return { kind: 'monthly' as const, day: Number(m[1]), hour: Number(m[2]), timeZone }
  }
  return values.tz ? { kind: 'weekly' as const, weekday: 1, hour: 8, timeZone } : undefined
}

/** The definition input the flags describe (fields not given are left to the contract's defaults). */
export function definitionFromFlags(values: Values, fallbackName?: string): ReportDefinitionInput {
  const compareKind =
    values.compare === undefined
      ? undefined
      : values.compare === 'previous'
        ? 'previous_period'
        : values.compare
  const raw = {
    name: values.name ?? fallbackName,
    audience: values.audience,
    skills: list(values.skills),
    categories: list(values.categories),
    filters: {
      country: list(values.country?.toUpperCase()),
      region: list(values.region),
      work_mode: list(values['work-mode']),
      seniority: list(values.seniority),
      industry: list(values.industry),
      source: list(values.source),
    },
    cadence: cadence(values),
    comparison:
      compareKind || values['compare-periods']
        ? { kind: compareKind ?? 'previous_period', periods: Number(values['compare-periods'] ?? 1) }
        : undefined,
    currency: values.currency?.toUpperCase(),
    recipients: list(values.to),
    webhookUrl: values.webhook,
    formats: list(values.formats),
  }
  const parsed = ReportDefinitionInput.safeParse(JSON.parse(JSON.stringify(raw)))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new UserError(`report: ${issue.path.join('.') || 'definition'}: ${issue.message}`)
  }
  return parsed.data
}
