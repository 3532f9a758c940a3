// The HN ad header: "Company | Role | Location | REMOTE | Full-time | $salary | URL" (pipes, or " - " in
// older ads). Gives company, title and the location text the other facets read.

export interface Header {
  line: string
  company: string | null
  /** End offset of the first field (the company) in the text, when the line has fields. */
  companyEnd: number
  title: string | null
  segments: string[]
}

const ROLE_RE =
  /\b(engineers?|developers?|devs?|programmers?|architects?|scientists?|analysts?|designers?|managers?|leads?|directors?|head of|sre|devops|cto|vp|intern(ship)?s?|researchers?|administrators?|admins?|consultants?|specialists?|hackers?|roles?|positions?|stack|frontend|backend|front-end|back-end)\b/i
const SPLIT_RE = /\s*\|\s*|\s+(?:--?|–|—)\s+|\s*•\s*/

export function parseHeader(text: string): Header {
  const nl = text.indexOf('\n')
  const line = (nl < 0 ? text : text.slice(0, nl)).slice(0, 400).trim()
  const segments = line
    .split(SPLIT_RE)
    .map((s) => s.trim())
    .filter(Boolean)
  if (segments.length < 2) return { line, company: null, companyEnd: 0, title: null, segments }
  const sep = SPLIT_RE.exec(line)
  const company = (segments[0] ?? '').replace(/\s*\(https?:\/\/[^)]*\)\s*$/, '').slice(0, 100) || null
  const title = segments.slice(1).find((s) => ROLE_RE.test(s) && s.length <= 120) ?? null
  return { line, company, companyEnd: sep ? sep.index : 0, title, segments }
}
