// Content fingerprints: the same job posted on several boards is recognised as one ad. A key of
// normalised company + title + location finds candidates; a MinHash of the description's word
// shingles confirms them (boards reformat text, so exact hashes would miss most copies).
import { createHash } from 'node:crypto'

const SUFFIXES = /\b(inc|llc|ltd|limited|gmbh|corp|corporation|co|sa|bv|ag|plc|pty)\b/g
const SIGNATURE_SIZE = 64
const SHINGLE_WORDS = 4
const PRIME = 4294967311 // > 2^32
// Fixed seeds: signatures must be comparable across processes and releases.
const SEEDS: [number, number][] = Array.from({ length: SIGNATURE_SIZE }, (_, i) => [
  ((i + 1) * 2654435761) % PRIME || 1,
  ((i + 7) * 40503 + 12345) % PRIME,
])

export function normalizeText(s: string | null | undefined): string {
  return (s ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim()
}

export function fingerprintKey(company: string | null, title: string, location: string | null): string {
  const parts = [normalizeText(company).replace(SUFFIXES, ''), normalizeText(title), normalizeText(location)]
  const key = parts.map((p) => p.replace(/\s+/g, ' ').trim()).join('|')
  return createHash('sha1').update(key).digest('hex').slice(0, 20)
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** MinHash signature of the text's word 4-shingles (empty text → all-max signature). */
export function minhash(text: string): number[] {
  const words = normalizeText(text).split(' ').filter(Boolean)
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff)
  const count = Math.max(1, words.length - SHINGLE_WORDS + 1)
  for (let i = 0; i < count; i++) {
    const h = fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' '))
    for (let j = 0; j < SIGNATURE_SIZE; j++) {
      const [a, b] = SEEDS[j]!
      // (a*h + b) mod p needs exact integers: a*h can exceed 2^53, hence BigInt.
      const v = Number((BigInt(a) * BigInt(h) + BigInt(b)) % BigInt(PRIME)) >>> 0
      if (v < sig[j]!) sig[j] = v
    }
  }
  return sig
}

/** Estimated Jaccard similarity of two signatures (share of equal positions). */
export function similarity(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0) return 0
  let same = 0
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++
  return same / a.length
}

/** Two descriptions this similar are the same job. */
export const SAME_JOB_SIMILARITY = 0.5
