// `stackradar extract [--input FILE]`: JSONL ads in (stdin by default), one JSONL extraction per ad out.
// A malformed line is reported on stderr with its line number and skipped; only an unreadable input file
// makes the exit code non-zero.
import { createReadStream } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { extractAd, type AdInput, type Extraction } from '@stackradar/core/extract'

const USAGE =
  'usage: stackradar extract [--input FILE]   (JSONL {id, title?, company?, location?, text, salary_text?})'

/** The CLI's output line: the stable public subset of an Extraction. */
export function toCliRecord(e: Extraction): Record<string, unknown> {
  const s = e.salary
  return {
    id: e.id,
    skills: e.skills.map((k) => ({
      id: k.id,
      category: k.category,
      evidence: k.evidence,
      inferred: k.inferred,
    })),
    salary: s && {
      min: s.min,
      max: s.max,
      currency: s.currency,
      period: s.period,
      annual_min_usd: s.annual_min_usd,
      annual_max_usd: s.annual_max_usd,
      source: s.source,
    },
    seniority: e.seniority,
    work_mode: e.work_mode,
    country: e.country,
    employment_type: e.employment_type,
    industries: e.industries,
    role_family: e.role_family,
  }
}

const optString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string'

/** Parses one input line; returns an error message instead of throwing. */
export function parseAdLine(line: string): AdInput | string {
  let v: unknown
  try {
    v = JSON.parse(line)
  } catch {
    return 'not valid JSON'
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not a JSON object'
  const o = v as Record<string, unknown>
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return 'missing "id"'
  if (typeof o.text !== 'string') return 'missing "text"'
  for (const k of ['title', 'company', 'location', 'salary_text'])
    if (!optString(o[k])) return `"${k}" is not a string`
  return {
    id: String(o.id),
    text: o.text,
    title: o.title as string | null | undefined,
    company: o.company as string | null | undefined,
    location: o.location as string | null | undefined,
    salary_text: o.salary_text as string | null | undefined,
  }
}

function inputPath(argv: string[]): string | null | Error {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--input' || a === '-i') {
      const p = argv[i + 1]
      return p ? p : new Error('--input needs a file name')
    }
    if (a.startsWith('--input=')) return a.slice('--input='.length)
  }
  return null
}

export async function runExtractCli(
  argv: string[],
  stdin: NodeJS.ReadableStream,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    stdout.write(USAGE + '\n')
    return 0
  }
  const path = inputPath(argv)
  if (path instanceof Error) {
    stderr.write(`extract: ${path.message}\n${USAGE}\n`)
    return 2
  }
  let input: NodeJS.ReadableStream = stdin
  if (path !== null) {
    const file = createReadStream(path)
    try {
      await once(file, 'open')
    } catch (err) {
      stderr.write(`extract: cannot read ${path}: ${(err as Error).message}\n`)
      return 1
    }
    input = file
  }
  let lineNo = 0
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++
      if (!line.trim()) continue
      const ad = parseAdLine(line)
      if (typeof ad === 'string') {
        stderr.write(`extract: line ${lineNo}: ${ad}, skipped\n`)
        continue
      }
      if (!stdout.write(JSON.stringify(toCliRecord(extractAd(ad))) + '\n')) await once(stdout, 'drain')
    }
  } catch (err) {
    stderr.write(`extract: cannot read ${path ?? 'stdin'}: ${(err as Error).message}\n`)
    return 1
  }
  return 0
}
