import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runExtractCli } from './extract.ts'

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

describe('stackradar extract', () => {
  it('writes one line per ad and skips malformed lines with a note on stderr', async () => {
    const input = Readable.from([
      '{"id":"a","text":"Go and Postgres, $120-150k"}\n',
      'not json\n',
      '{"id":"b"}\n',
      '{"id":"c","text":"Rust"}\n',
    ])
    const out = sink()
    const err = sink()
    const code = await runExtractCli([], input, out.stream, err.stream)
    expect(code).toBe(0)
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => l.id)).toEqual(['a', 'c'])
    expect(lines[0]).toMatchObject({
      salary: { min: 120000, max: 150000, currency: 'USD', period: 'year', source: 'text' },
    })
    expect(Object.keys(lines[0] ?? {})).toEqual([
      'id',
      'skills',
      'salary',
      'seniority',
      'work_mode',
      'country',
      'employment_type',
      'industries',
      'role_family',
    ])
    expect(err.text()).toMatch(/line 2: not valid JSON/)
    expect(err.text()).toMatch(/line 3: missing "text"/)
  })
  it('reads --input FILE and fails only when the file cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'))
    const file = join(dir, 'ads.jsonl')
    writeFileSync(file, '{"id":"x","text":"Kubernetes on GKE"}\n')
    const out = sink()
    expect(await runExtractCli(['--input', file], Readable.from([]), out.stream, sink().stream)).toBe(0)
    expect(out.text()).toContain('"kubernetes"')
    const err = sink()
    expect(
      await runExtractCli(
        ['--input', join(dir, 'missing.jsonl')],
        Readable.from([]),
        sink().stream,
        err.stream,
      ),
    ).toBe(1)
    expect(err.text()).toMatch(/cannot read/)
  })
})
