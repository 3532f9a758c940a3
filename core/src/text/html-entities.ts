// HTML entity decoding for job-ad text. HN escapes almost everything (`&#x2F;`, `&#x27;`), job boards
// use the usual named entities. The table covers what shows up in ads; an unknown name is left as written.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  // A non-breaking space is a plain space for text analysis (the eval set has none).
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
  zwj: '',
  zwnj: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  dagger: '†',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  check: '✓',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  Eacute: 'É',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  ccedil: 'ç',
  oslash: 'ø',
  aring: 'å',
  aelig: 'æ',
}

const MAX_ENTITY_LENGTH = 32

/** Decodes `&name;`, `&#123;` and `&#x7B;`. Linear; malformed or unknown entities stay as written. */
export function decodeHtmlEntities(text: string): string {
  let amp = text.indexOf('&')
  if (amp === -1) return text
  let out = ''
  let from = 0
  while (amp !== -1) {
    // Look for the `;` only a few characters ahead, so `&&&&…;` stays linear.
    const semi = findSemicolon(text, amp + 1)
    if (semi !== -1) {
      const decoded = decodeEntityBody(text.slice(amp + 1, semi))
      if (decoded !== undefined) {
        out += text.slice(from, amp) + decoded
        from = semi + 1
      }
    }
    amp = text.indexOf('&', Math.max(amp + 1, from))
  }
  return out + text.slice(from)
}

function findSemicolon(text: string, start: number): number {
  const end = Math.min(text.length, start + MAX_ENTITY_LENGTH)
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === 59 /* ; */) return i
    if (c === 38 /* & */ || c === 60 /* < */ || c <= 32) return -1
  }
  return -1
}

function decodeEntityBody(body: string): string | undefined {
  if (body.charCodeAt(0) !== 35 /* # */)
    return Object.hasOwn(NAMED_ENTITIES, body) ? NAMED_ENTITIES[body] : undefined
  const hex = body[1] === 'x' || body[1] === 'X'
  const digits = body.slice(hex ? 2 : 1)
  if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined
  const code = parseInt(digits, hex ? 16 : 10)
  if (code === 0xa0) return ' '
  // Invalid code points and surrogates become U+FFFD instead of throwing.
  if (code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD'
  return String.fromCodePoint(code)
}
