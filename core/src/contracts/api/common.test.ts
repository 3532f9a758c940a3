import { describe, expect, it } from 'vitest'
import { dayOf, dayParam, DAY_MESSAGE } from './common.ts'

describe('dayOf / dayParam', () => {
  it('turns months into their first or last day', () => {
    expect(dayOf('2024-02', 'start')).toBe('2024-02-01')
    expect(dayOf('2024-02', 'end')).toBe('2024-02-29')
    expect(dayOf('2023-12', 'end')).toBe('2023-12-31')
    expect(dayOf('2024-03-15', 'start')).toBe('2024-03-15')
    expect(dayParam('start').parse(undefined)).toBeNull()
  })

  it('rejects impossible or malformed dates with the expected-format message', () => {
    for (const raw of [
      '2026-13',
      '2026-00',
      '2026-02-30',
      '1900-01',
      'yesterday',
      '2026-1',
      "2026-01' OR 1=1",
    ]) {
      expect(dayOf(raw, 'start'), raw).toBeNull()
      const parsed = dayParam('start').safeParse(raw)
      expect(parsed.success, raw).toBe(false)
      expect(parsed.error?.issues[0]?.message, raw).toBe(DAY_MESSAGE)
    }
  })
})
