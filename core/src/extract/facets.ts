// Facets of an ad read by keyword rules over the title, the header line and the text: seniority, work mode,
// country, employment type, industries, visa sponsorship and role family.
import { parseHeader } from './header.ts'
import { countryOf } from './location.ts'
import type { AdInput, EmploymentType, Extraction, RoleFamily, Seniority, WorkMode } from './types.ts'
import { detectIndustries } from './industries.ts'
import { tokenize, type Token } from './tokenize.ts'

export type Facets = Omit<Extraction, 'id' | 'skills' | 'salary'>

// Only the head of long texts is read for these: requirements deep in the ad mention other roles.
const HEAD_CHARS = 1500

const SENIORITY: [Seniority, RegExp][] = [
  ['intern', /\b(intern|interns|internship|co-?op)\b/i],
  ['principal', /\b(principal|staff|distinguished)\b/i],
  ['lead', /\b(lead|head of|team lead|manager|director|vp|cto|chief)\b/i],
  ['senior', /\b(senior|sr\.?|snr)\b/i],
  ['junior', /\b(junior|jr\.?|entry[- ]level|graduate|new grad)\b/i],
  ['mid', /\b(mid[- ]level|intermediate|mid[- ]senior)\b/i],
]

const ROLE: [RoleFamily, RegExp][] = [
  ['mobile', /\b(ios|android|mobile|react native|flutter)\b/i],
  ['data', /\b(data|machine learning|ml|ai|analytics|scientist|analyst)\b/i],
  ['devops', /\b(devops|sre|site reliability|infrastructure|platform|cloud|systems? admin|sysadmin|ops)\b/i],
  ['fullstack', /\b(full[- ]?stack)\b/i],
  ['frontend', /\b(front[- ]?end|ui engineer|web designer|javascript developer)\b/i],
  ['backend', /\b(back[- ]?end|server[- ]side|api|distributed systems)\b/i],
]

function seniorityOf(title: string): Seniority {
  for (const [level, re] of SENIORITY) if (re.test(title)) return level
  return 'unknown'
}

function workModeOf(
  head: string,
  lowerHead: string,
  text: string,
  lowerText: string,
): { mode: WorkMode; region: string | null } {
  // Case-insensitive tests run on the lower-cased copies (no /i scans); only the region keeps case.
  const lower = lowerHead
  const hasRemote = lower.includes('remote')
  const noRemote =
    lowerText.includes('remote') &&
    /\b(no remote|not remote|remote (?:is )?not (?:possible|available|an option))\b/.test(
      lowerText.length === text.length ? lowerText : text.toLowerCase(),
    )
  const hybrid = lower.includes('hybrid') && /\bhybrid\b/.test(lower)
  const remote = hasRemote && !noRemote && /\bremote(ly)?\b/.test(lower)
  const onsite =
    noRemote ||
    ((lower.includes('site') || lower.includes('office') || lower.includes('person')) &&
      /\b(on-?site|in[- ]office|in-person)\b/.test(lower))
  const mode: WorkMode = hybrid ? 'hybrid' : remote ? 'remote' : onsite ? 'onsite' : 'unknown'
  if (mode !== 'remote' && mode !== 'hybrid') return { mode, region: null }
  const region =
    /\bremote\s*\(\s*([^)]{2,40}?)\s*(?:only)?\s*\)/i.exec(head)?.[1] ??
    (lower.includes('only')
      ? /\b((?:US|USA|EU|UK|Europe|North America|Canada|LATAM|EMEA|APAC)(?:\s*[/&]\s*\w+)?)[- ]only\b/i.exec(
          head,
        )?.[1]
      : null) ??
    null
  return { mode, region }
}

function employmentOf(lower: string, title: string): EmploymentType {
  if (/\b(intern|internship)s?\b/i.test(title)) return 'internship'
  if (
    (lower.includes('full') || lower.includes('perm') || lower.includes('fte')) &&
    /\b(full[- ]?time|permanent|fte)\b/.test(lower)
  ) {
    return 'permanent'
  }
  if (/contract|freelanc|1099|c2c|part[- ]time/.test(lower)) return 'contract'
  if (lower.includes('internship')) return 'internship'
  return 'unknown'
}

function visaOf(lower: string): boolean | null {
  if (
    !lower.includes('visa') &&
    !lower.includes('sponsor') &&
    !lower.includes('h1b') &&
    !lower.includes('h-1b')
  )
    return null
  if (
    /\b(no visa|not (?:able to |)sponsor|unable to sponsor|cannot sponsor|can't sponsor|can not sponsor|without (?:visa )?sponsorship|no sponsorship)\b/.test(
      lower,
    )
  ) {
    return false
  }
  if (
    /\b(visa sponsorship|sponsor (?:your |a |)visas?|visas? (?:sponsored|available|support)|h-?1b|relocation and visa|\| ?visa\b)/.test(
      lower,
    )
  ) {
    return true
  }
  return null
}

const FRONTEND_CATS = new Set(['frontend'])
const BACKEND_CATS = new Set(['language', 'runtime', 'framework', 'database', 'messaging', 'api'])

function roleFamilyOf(title: string, skillCats: readonly string[]): RoleFamily {
  for (const [family, re] of ROLE) if (re.test(title)) return family
  const fe = skillCats.filter((c) => FRONTEND_CATS.has(c)).length
  const be = skillCats.filter((c) => BACKEND_CATS.has(c)).length
  if (!/\b(engineer|developer|programmer|swe)\b/i.test(title) && title) return 'other'
  if (fe > 0 && be > 0) return 'fullstack'
  if (be > 0) return 'backend'
  if (fe > 0) return 'frontend'
  return 'other'
}

/** `tokens` / `header`: tokenize(input.text) / parseHeader(input.text), when the caller already has them. */
export function extractFacets(
  input: AdInput,
  skillCategories: readonly string[],
  tokens?: readonly Token[],
  parsedHeader?: ReturnType<typeof parseHeader>,
): Facets {
  const text = input.text
  const header = parsedHeader ?? parseHeader(text)
  const hn = !input.title && !input.company
  const title = input.title ?? (hn ? header.title : null) ?? ''
  // HN: the location is in the header line or a short second line; read it from the ad's own tokens.
  const nl = text.indexOf('\n')
  const line1End = Math.min(nl < 0 ? text.length : nl, 600)
  const secondLine = nl < 0 ? '' : (text.slice(nl + 1, nl + 120).split('\n')[0] ?? '')
  const locationEnd = nl >= 0 && nl < 600 && secondLine.length < 80 ? nl + 1 + secondLine.length : line1End
  const head = text.slice(0, HEAD_CHARS)
  const lower = text.slice(0, 20_000).toLowerCase()
  const modeHead = hn ? header.line + '\n' + head : head
  const lowerHead = modeHead.toLowerCase()
  const { mode, region } = workModeOf(modeHead, lowerHead, text, lower)
  const country = input.location
    ? countryOf(input.location)
    : hn
      ? (countryOf(text.slice(0, locationEnd), tokens) ?? countryOf(text.slice(0, 300), tokens))
      : countryOf(text.slice(0, 300), tokens)
  return {
    seniority: seniorityOf(title || header.line),
    work_mode: mode,
    remote_region: region,
    country,
    employment_type: employmentOf(hn ? lowerHead.slice(lowerHead.indexOf('\n') + 1) : lowerHead, title),
    industries: detectIndustries(tokens ?? tokenize(head), HEAD_CHARS),
    visa_sponsorship: visaOf(lower),
    role_family: roleFamilyOf(title || header.line, skillCategories),
    company: hn ? header.company : (input.company ?? null),
    title: hn ? header.title : (input.title ?? null),
  }
}
