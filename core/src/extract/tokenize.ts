// One linear pass over the ad text: URLs and e-mail addresses are masked (text inside them is never a
// mention), then word tokens are cut. Every regex here is anchored or non-nested so the pass stays linear
// even on megabytes of junk without spaces.

export interface Token {
  start: number
  end: number
  /** Lower-cased token; ".net" keeps its leading dot when the dot starts a word. */
  norm: string
}

const NON_ASCII_WORD = /[\p{L}\p{N}]/u
// "name.<tld>/path" is a URL for these; "Node.js/React" is not.
const PATH_TLDS = new Set(
  'io co ai dev app me ly gg sh so xyz tech jobs uk de fr ca eu nl se ch us to tv net edu gov be'.split(' '),
)

const ASCII_WORD = new Uint8Array(128)
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0

/** Letters and digits of any script, and "_". ASCII is decided by a table (the hot path). */
function isWordChar(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1
  if (c >= 0xd800 && c <= 0xdfff) return false // surrogate halves (emoji): separators
  return NON_ASCII_WORD.test(String.fromCharCode(c))
}

const isSpace = (c: number): boolean =>
  c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12 || c === 11

/** End of the whitespace-delimited chunk that contains `from`. */
function chunkEndFrom(text: string, from: number): number {
  const n = text.length
  let j = from
  while (j < n && !isSpace(text.charCodeAt(j))) j++
  return j
}

export interface Tokenized {
  tokens: Token[]
  /** [start, end) pairs of URLs and e-mail addresses, increasing. */
  masked: number[]
}

/**
 * Word tokens in one pass; a whitespace-delimited chunk that turns out to be a URL or an e-mail address
 * ("@" with a dot after it, "://", "www.", "name.com", "name.io/path") is masked from where the address
 * starts: its tokens are dropped and the scan jumps to the chunk's end. Every character is visited at
 * most twice, so the pass is linear even on megabytes without spaces.
 */
export function tokenizeText(text: string): Tokenized {
  const tokens: Token[] = []
  const masked: number[] = []
  const n = text.length
  const lowerAll = text.toLowerCase()
  const lower = lowerAll.length === n ? lowerAll : null // some scripts change length when lower-cased
  let chunkStart = 0
  let chunkTok = 0 // index of the chunk's first token
  let noDotUntil = 0
  // Helpers are top-level functions, not closures: a closure made per call costs on this hot path.
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (!isWordChar(c)) {
      if (isSpace(c)) {
        chunkStart = i + 1
        chunkTok = tokens.length
      } else if (c === 64 /* @ */ && i > chunkStart && i >= noDotUntil) {
        const end = chunkEndFrom(text, i)
        let dot = i + 1
        while (dot < end && text.charCodeAt(dot) !== 46) dot++
        if (dot < end - 1) {
          i = maskChunk(text, tokens, masked, chunkStart, chunkTok, i)
          continue
        }
        noDotUntil = end // later "@"s of this chunk have no dot after them either
      } else if (c === 58 /* : */ && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) {
        const last = tokens[tokens.length - 1]
        const from = last && last.end === i && tokens.length > chunkTok ? last.start : i
        i = maskChunk(
          text,
          tokens,
          masked,
          from,
          last && last.end === i ? tokens.length - 1 : tokens.length,
          i,
        )
        continue
      } else if (c === 47 /* / */ && tokens.length > chunkTok) {
        const last = tokens[tokens.length - 1] as Token
        if (
          last.end === i &&
          text.charCodeAt(last.start - 1) === 46 &&
          PATH_TLDS.has(last.norm) &&
          tokens.length - chunkTok >= 2
        ) {
          i = maskChunk(text, tokens, masked, chunkStart, chunkTok, i)
          continue
        }
      }
      i++
      continue
    }
    const start = i
    while (i < n && isWordChar(text.charCodeAt(i))) i++
    // The "++" / "#" suffix of C++, C#, F#.
    if (text.charCodeAt(i) === 43 && text.charCodeAt(i + 1) === 43) i += 2
    else if (text.charCodeAt(i) === 35) i++
    const norm = lower ? lower.slice(start, i) : text.slice(start, i).toLowerCase()
    const afterDot = start > 0 && text.charCodeAt(start - 1) === 46
    if (afterDot && tokens.length > chunkTok) {
      const prev = tokens[tokens.length - 1] as Token
      // "example.com" / "www.example.org" (not "ASP.NET": no .net here)
      if (prev.end === start - 1 && (norm === 'com' || norm === 'org') && !isWordChar(text.charCodeAt(i))) {
        i = maskChunk(text, tokens, masked, chunkStart, chunkTok, i)
        continue
      }
    }
    if (norm === 'www' && text.charCodeAt(i) === 46) {
      i = maskChunk(text, tokens, masked, start, tokens.length, i)
      continue
    }
    // ".NET" is one word; the dot of "Node.js" / "ASP.NET" is just a separator.
    if (afterDot && (start === 1 || !isWordChar(text.charCodeAt(start - 2)))) {
      tokens.push({ start: start - 1, end: i, norm: '.' + norm })
    } else tokens.push({ start, end: i, norm })
  }
  return { tokens, masked }
}

/** Drop the tokens of a URL / e-mail chunk and record it as masked; returns where scanning goes on. */
function maskChunk(
  text: string,
  tokens: Token[],
  masked: number[],
  from: number,
  tokIdx: number,
  at: number,
): number {
  const end = chunkEndFrom(text, at)
  tokens.length = tokIdx
  masked.push(from, end)
  return end
}

export function tokenize(text: string): Token[] {
  return tokenizeText(text).tokens
}

/** [start, end) ranges of URLs and e-mail addresses, in increasing order. */
export function maskedRanges(text: string): number[] {
  return tokenizeText(text).masked
}

/** Tokenise an alias the same way as ad text. */
export function aliasTokens(alias: string): string[] {
  return tokenize(alias).map((t) => t.norm)
}
