// Splits an ad's snippet into plain and matched parts from the API's [start, end) highlights, so a
// page renders each part as text (never as HTML): ad text with <script> or <img onerror> stays inert.
export interface Part {
  text: string
  mark: boolean
}

export function highlightParts(snippet: string, highlights: readonly (readonly [number, number])[]): Part[] {
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, s), Math.min(snippet.length, e)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0])
  const parts: Part[] = []
  let at = 0
  for (const [s, e] of ranges) {
    if (e <= at) continue // overlaps an earlier range
    const start = Math.max(s, at)
    if (start > at) parts.push({ text: snippet.slice(at, start), mark: false })
    parts.push({ text: snippet.slice(start, e), mark: true })
    at = e
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), mark: false })
  return parts
}
