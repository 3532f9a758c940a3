// Runs one scenario within its deadline (cleanups always run, a hung scenario becomes a missed
// goal with the reason) and formats the results as the suite's table.
import type { Scenario, ScenarioContext, ScenarioResult } from './harness.ts'

export async function runScenario(
  s: Scenario,
  log: (line: string) => void = (l) => void process.stderr.write(`  ${l}\n`),
): Promise<ScenarioResult> {
  const cleanups: (() => Promise<unknown> | unknown)[] = []
  const ctx: ScenarioContext = {
    deadline: Date.now() + s.timeoutMs,
    defer: (fn) => void cleanups.push(fn),
    log,
  }
  let timer: NodeJS.Timeout | undefined
  const overdue = new Promise<ScenarioResult>((resolve) => {
    // A backstop: scenarios watch their deadline themselves; this catches a hang past it.
    timer = setTimeout(
      () => resolve(failed(s.name, `no result within ${s.timeoutMs / 1000 + 60} s (hung)`)),
      s.timeoutMs + 60_000,
    )
  })
  let result: ScenarioResult
  try {
    result = await Promise.race([s.run(ctx), overdue])
  } catch (err) {
    result = failed(
      s.name,
      `harness error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 400),
    )
  } finally {
    clearTimeout(timer)
  }
  for (const fn of cleanups.reverse()) {
    try {
      await fn()
    } catch (err) {
      log(`cleanup failed: ${String(err)}`)
    }
  }
  return result
}

function failed(scenario: string, why: string): ScenarioResult {
  return {
    scenario,
    expected: 0,
    stored: null,
    counted: null,
    errors: '?',
    recoverMs: null,
    pass: false,
    notes: [why],
  }
}

export function formatTable(results: ScenarioResult[]): string {
  const head = [
    'scenario',
    'ads expected',
    'ads stored',
    'ads counted',
    'errors surfaced',
    'time to recover',
    'goal',
  ]
  const rows = results.map((r) => [
    r.scenario,
    String(r.expected),
    r.stored === null ? '?' : String(r.stored),
    r.counted === null ? '?' : String(r.counted),
    r.errors,
    r.recoverMs === null ? 'never' : `${(r.recoverMs / 1000).toFixed(1)} s`,
    r.pass ? 'met' : 'MISSED',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |\n`
  let out = line(head) + line(widths.map((w) => '-'.repeat(w)))
  for (const row of rows) out += line(row)
  out += '\nnotes:\n'
  for (const r of results) out += `- ${r.scenario}: ${r.notes.join('; ') || '-'}\n`
  return out
}
