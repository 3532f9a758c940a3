// bench:api's figures kept for a later run (`--save FILE`) and read back (`--baseline FILE`), so a
// run at 10M ads checks the goal there: each p95 at most 3× the same cell's at 1M.
import { readFileSync, writeFileSync } from 'node:fs'

/** A default pass's cells by 'endpoint|mix'. */
export interface SavedCells {
  dataDir: string
  cells: Record<string, { median: number; p95: number; runs: number }>
}

const MAX_RATIO = 3

/** The cells a `--save` run wrote to `file`; throws on a file that is not one. */
export function readBaseline(file: string): SavedCells {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedCells>
  if (!saved.cells || typeof saved.cells !== 'object')
    throw new Error(`--baseline ${file}: not a file that --save wrote`)
  return saved as SavedCells
}

export function saveCells(file: string, saved: SavedCells): void {
  writeFileSync(file, `${JSON.stringify(saved, null, 1)}\n`)
}

/** The table header's words for the baseline column. */
export const BASELINE_HEADER = `p95 against the baseline's (goal ≤ ${MAX_RATIO}×)`

/** A cell's p95 as a multiple of the baseline's, ok or MISS; '' when the baseline lacks the cell. */
export function againstBaseline(p95: number, base: number | undefined): string {
  if (!base) return ''
  const ratio = p95 / base
  return `; ${ratio.toFixed(2)}× ${ratio <= MAX_RATIO ? 'ok' : 'MISS'}`
}
