// Monthly share series for many skills at once (sparklines in tables): the trends endpoint takes
// at most 20 series, so the ids are asked in chunks of 20 and merged.
import { MAX_TREND_SKILLS } from '@stackradar/core/contracts/api'
import { fetchTrends } from './api'
import { apiPath, type Filters } from './filters'

export interface Spark {
  values: (number | null)[]
  incomplete: boolean[]
}

export async function loadSparklines(
  fetchFn: typeof fetch,
  skills: readonly string[],
  filters: Filters,
  window: { from: string; to: string },
): Promise<Map<string, Spark>> {
  const out = new Map<string, Spark>()
  const chunks: string[][] = []
  for (let i = 0; i < skills.length; i += MAX_TREND_SKILLS) chunks.push(skills.slice(i, i + MAX_TREND_SKILLS))
  const answers = await Promise.all(
    chunks.map((ids) =>
      fetchTrends(
        fetchFn,
        apiPath(
          '/api/v1/trends',
          { ...filters, from: window.from, to: window.to },
          { skills: ids, interval: 'month' },
        ),
      ),
    ),
  )
  for (const t of answers) {
    const periods = [...new Set(t.points.map((p) => p.period))].sort()
    for (const id of t.skills) {
      const mine = new Map(
        t.points.filter((p) => p.skill === id && p.kind === 'skill').map((p) => [p.period, p]),
      )
      out.set(id, {
        values: periods.map((p) => {
          const point = mine.get(p)
          return point && point.total > 0 ? point.share * 100 : null
        }),
        incomplete: periods.map((p) => mine.get(p)?.complete === false),
      })
    }
  }
  return out
}
