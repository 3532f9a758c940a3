// "Ask HN: Who is hiring? (April 2017)": the monthly job thread. The whoishiring account also posts
// "Who wants to be hired?" and "Freelancer? Seeking freelancer?" threads, which are not job ads.

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

// Title case varied over the years ("Who Is Hiring?", "Who is Hiring?") and some titles end with a space.
const WHO_IS_HIRING_TITLE = /^\s*Ask HN:\s*Who is hiring\?\s*\(\s*([A-Za-z]+)\s+(\d{4})\s*\)\s*$/i

/** 'YYYY-MM' of a "Ask HN: Who is hiring? (Month YYYY)" title; null for any other title. */
export function whoIsHiringMonth(title: string): string | null {
  const match = WHO_IS_HIRING_TITLE.exec(title)
  if (match === null) return null
  const monthIndex = MONTHS.indexOf((match[1] as string).toLowerCase())
  if (monthIndex === -1) return null
  return `${match[2]}-${String(monthIndex + 1).padStart(2, '0')}`
}

/** First instant (UTC) of the month named in a thread title such as "… (April 2017)", or null. */
export function monthStartFromTitle(title: string): Date | null {
  const match = /\(\s*([A-Za-z]+)\s+(\d{4})\s*\)/.exec(title)
  if (match === null) return null
  const monthIndex = MONTHS.indexOf((match[1] as string).toLowerCase())
  if (monthIndex === -1) return null
  return new Date(Date.UTC(Number(match[2]), monthIndex, 1))
}
