// stackedShareMax: a stack of shares that adds up to 100 ends its axis at 100%, whatever the
// floating-point sum; a stack above 100, or a chart of counts or lines, keeps Chart.js's scale.
import { describe, expect, it } from 'vitest'
import { stackedShareMax, type ChartSpec } from './chart'

const spec = (values: (number | null)[][], over: Partial<ChartSpec> = {}): ChartSpec => ({
  type: 'bar',
  labels: values[0]!.map((_, i) => `p${i}`),
  format: 'percent',
  stacked: true,
  series: values.map((v, i) => ({ label: `s${i}`, values: v })),
  ...over,
})

describe('stackedShareMax', () => {
  it('ends a stack of shares at 100% when their float sum lands a hair above it', () => {
    // 1, 4 and 1 ads of 6, as the market page computes shares: 100.00000000000001 in floating point.
    const [a, b, c] = [(100 * 1) / 6, (100 * 4) / 6, (100 * 1) / 6]
    expect(a + b + c).toBeGreaterThan(100)
    expect(
      stackedShareMax(
        spec([
          [a, 50],
          [b, 50],
          [c, null],
        ]),
      ),
    ).toBe(100)
    // Gaps (null) count as nothing.
    expect(
      stackedShareMax(
        spec([
          [null, 40],
          [100, null],
        ]),
      ),
    ).toBe(100)
  })

  it('keeps the engine scale for a stack truly above 100, counts, lines and unstacked bars', () => {
    expect(stackedShareMax(spec([[60], [41]]))).toBeUndefined()
    expect(stackedShareMax(spec([[60], [40]], { format: 'count' }))).toBeUndefined()
    expect(stackedShareMax(spec([[60], [40]], { stacked: false }))).toBeUndefined()
  })

  it('sums each stack group apart', () => {
    const grouped = spec([[60], [40], [90]])
    grouped.series[2]!.stack = 'other'
    expect(stackedShareMax(grouped)).toBe(100)
    grouped.series[2]!.values = [101]
    expect(stackedShareMax(grouped)).toBeUndefined()
  })
})
