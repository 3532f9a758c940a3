import { describe, expect, it } from 'vitest'
import { parseDay } from './trends.ts'

describe('parseDay', () => {
  it('turns months into their first or last day', () => {
    expect(parseDay('from', '2024-02', 'start')).toBe('2024-02-01')
    expect(parseDay('to', '2024-02', 'end')).toBe('2024-02-29')
    expect(parseDay('to', '2023-12', 'end')).toBe('2023-12-31')
    expect(parseDay('from', '2024-03-15', 'start')).toBe('2024-03-15')
    expect(parseDay('from', undefined, 'start')).toBeNull()
  })

  it('rejects impossible or malformed dates naming the parameter', () => {
    for (const raw of [
      '2026-13',
      '2026-00',
      '2026-02-30',
      '1900-01',
      'yesterday',
      '2026-1',
      "2026-01' OR 1=1",
    ]) {
      expect(() => parseDay('from', raw, 'start'), raw).toThrow(/^from: expected a month/)
    }
  })
})
