// Country of a job from its location text (the source's location field or the ad's first line).
import { PLACE_TO_COUNTRY, REGION_CODE_TO_COUNTRY } from './gazetteer.ts'
import { tokenize, type Token } from './tokenize.ts'

const REGION_CODE_RE = /,\s*([A-Z]{2,3})\b/g
const FIRST_WORDS = new Set([...PLACE_TO_COUNTRY.keys()].map((k) => tokenize(k)[0]?.norm ?? ''))
const MAX_PLACE_TOKENS = 3

/** All countries named in `text` (place names, countries, ", TX"-style region codes). */
export function countriesIn(text: string, adTokens?: readonly Token[]): Set<string> {
  const found = new Set<string>()
  // The ad's own tokens can be reused when `text` is a prefix of the ad.
  const tokens = adTokens ?? tokenize(text)
  // Tokens are in text order: with the ad's tokens, stop at the first one past this prefix.
  const count = adTokens ? prefixTokenCount(adTokens, text.length) : tokens.length
  for (let i = 0; i < count; i++) {
    if (!FIRST_WORDS.has((tokens[i] as { norm: string }).norm)) continue
    for (let n = Math.min(MAX_PLACE_TOKENS, count - i); n >= 1; n--) {
      let key = (tokens[i] as { norm: string }).norm
      for (let j = 1; j < n; j++) key += ' ' + (tokens[i + j] as { norm: string }).norm
      const iso = PLACE_TO_COUNTRY.get(key.replace(/ \./g, '.'))
      if (iso) {
        // "US" / "UK" / "SF" / "DC" are only places when written in capitals.
        if (n === 1 && key.length <= 3) {
          const t = tokens[i] as { start: number; end: number }
          const raw = text.slice(t.start, t.end)
          if (raw !== raw.toUpperCase()) continue
        }
        found.add(iso)
        i += n - 1
        break
      }
    }
  }
  if (!text.includes(',')) return found
  REGION_CODE_RE.lastIndex = 0
  for (let m = REGION_CODE_RE.exec(text); m; m = REGION_CODE_RE.exec(text)) {
    const iso = REGION_CODE_TO_COUNTRY.get(m[1] ?? '')
    if (iso) found.add(iso)
  }
  return found
}

function prefixTokenCount(tokens: readonly Token[], end: number): number {
  let k = 0
  while (k < tokens.length && (tokens[k] as Token).end <= end) k++
  return k
}

/** One country, or null when none or several are named. */
export function countryOf(locationText: string, adTokens?: readonly Token[]): string | null {
  const found = countriesIn(locationText, adTokens)
  return found.size === 1 ? ([...found][0] ?? null) : null
}
