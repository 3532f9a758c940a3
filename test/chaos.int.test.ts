// Two of the chaos suite's scenarios (`npm run chaos`) in CI, the fastest ones: a source that
// answers 500 for 20 s then recovers (embedded), and Redis restarted mid-backfill (distributed,
// with its append-only file as in docker-compose). Each must end with every ad stored and counted
// exactly once and the system healthy; the notes say what went wrong when not.
import { describe, expect, it } from 'vitest'
import { runScenario } from './chaos/runner.ts'
import { source500 } from './chaos/sources.ts'
import { redisRestart } from './chaos/outages.ts'

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

  it(
    'Redis stopped and restarted mid-backfill: work resumes, nothing lost, nothing counted twice',
    async () => {
      const r = await runScenario(redisRestart, () => {})
      expect(r.notes.join('\n')).toMatch(/redis down/)
      expect({ stored: r.stored, counted: r.counted }).toEqual({ stored: r.expected, counted: r.expected })
      expect(r.pass, r.notes.join('\n')).toBe(true)
    },
    redisRestart.timeoutMs + 90_000,
  )
})
