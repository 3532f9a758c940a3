// Log output: JSON lines for machines, pretty coloured lines for a person; secrets redacted in both.
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createRootLogger } from './logger.ts'

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString())
      done()
    },
  })
  return { stream, text: () => chunks.join('') }
}

describe('logger output', () => {
  it('writes one JSON object per line when not pretty', () => {
    const out = sink()
    createRootLogger('info', { pretty: false, destination: out.stream })
      .child({ module: 'scheduler' })
      .info({ password: 'hunter2', pct: 40 }, 'backfill 40%')
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>
    expect(line).toMatchObject({ msg: 'backfill 40%', module: 'scheduler', pct: 40, password: '[redacted]' })
  })

  it('writes a readable line with the module and no JSON when pretty', () => {
    const out = sink()
    createRootLogger('info', { pretty: true, destination: out.stream })
      .child({ module: 'scheduler' })
      .info({ password: 'hunter2' }, 'backfill 40%, about 3 min left')
    const text = out.text()
    expect(text).toContain('[scheduler] backfill 40%, about 3 min left')
    expect(text).toMatch(/INFO/)
    expect(text).not.toContain('hunter2')
    expect(() => JSON.parse(text.trim())).toThrow()
  })
})

describe('logger redaction of API keys and share links', () => {
  it('never writes a key, a key in a query string or a share token', () => {
    const out = sink()
    const key = 'srk_abcdefghij_' + 'x'.repeat(43)
    const log = createRootLogger('info', { pretty: false, destination: out.stream }).child({ module: 'api' })
    log.info({ headers: { authorization: `Bearer ${key}`, 'x-api-key': key } }, 'request')
    log.info(
      { path: '/api/v1/shared/run_abc123.SiGnAtUrE', url: `http://h/api/v1/reports?key=${key}&x=1` },
      'path',
    )
    log.error({ err: new Error(`refused ${key}`) }, 'failed')
    const text = out.text()
    expect(text).not.toContain('x'.repeat(43))
    expect(text).not.toContain('SiGnAtUrE')
    expect(text).toContain('srk_abcdefghij_[redacted]')
    expect(text).toContain('/api/v1/shared/[redacted]')
    expect(text).toContain('key=[redacted]&x=1')
  })
})
