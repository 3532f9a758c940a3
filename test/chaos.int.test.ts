// One of the chaos suite's scenarios (`npm run chaos`) in CI, the fastest one not covered elsewhere
// (Redis and ClickHouse outages are in dependency-outage.int.test.ts): every thread page of a
// source answers 500 for 20 s, then the source recovers (embedded mode). The backfill must end
// with every ad stored and counted exactly once and the process healthy; the scenario's notes say
// what went wrong when not.
import { describe, expect, it } from 'vitest'
import { runScenario } from './chaos/runner.ts'
import { source500 } from './chaos/sources.ts'

describe('chaos scenarios in CI', () => {
  it(
    'a source that answers 500 for 20 s, then recovers: nothing lost, nothing counted twice',
    async () => {
      const r = await runScenario(source500, () => {})
      expect(r.notes.join('\n')).toMatch(/\b[1-9]\d* page requests answered 500/) // the fault did hit
      expect(r.expected).toBeGreaterThan(0)
      expect({ stored: r.stored, counted: r.counted }).toEqual({ stored: r.expected, counted: r.expected })
      expect(r.pass, r.notes.join('\n')).toBe(true)
    },
    source500.timeoutMs + 90_000,
  )
})
