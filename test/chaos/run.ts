// `npm run chaos [-- name filter…]`: runs the fault and hostile-input scenarios end to end, each
// with its own deadline and its own Redis / ClickHouse / processes / data directory (loopback
// only), prints one table (scenario, ads expected / stored / counted, errors surfaced, time to
// recover) and exits non-zero when any scenario misses its goal: 0 ads lost, 0 counted twice,
// the system healthy.
import { killScenarios } from './kill.ts'
import { outageScenarios } from './outages.ts'
import { diskFull } from './disk-full.ts'
import { sourceScenarios } from './sources.ts'
import { hostilePages } from './hostile.ts'
import { runScenario, formatTable } from './runner.ts'

const ALL = [...killScenarios, ...outageScenarios, diskFull, ...sourceScenarios, hostilePages]

async function main(): Promise<void> {
  const filters = process.argv.slice(2).map((f) => f.toLowerCase())
  const chosen = filters.length
    ? ALL.filter((s) => filters.some((f) => s.name.toLowerCase().includes(f)))
    : ALL
  if (!chosen.length) {
    process.stderr.write(
      `no scenario matches ${filters.join(', ')}; scenarios:\n${ALL.map((s) => `  ${s.name}`).join('\n')}\n`,
    )
    process.exit(2)
  }
  const t0 = Date.now()
  const results = []
  for (const s of chosen) {
    process.stderr.write(`[chaos] ${s.name} …\n`)
    const r = await runScenario(s)
    process.stderr.write(`[chaos] ${s.name}: ${r.pass ? 'PASS' : 'MISS'}\n`)
    results.push(r)
  }
  process.stdout.write(formatTable(results))
  const missed = results.filter((r) => !r.pass).length
  process.stdout.write(
    `\n${results.length - missed}/${results.length} scenarios met the goal in ${Math.round((Date.now() - t0) / 1000)} s\n`,
  )
  process.exit(missed ? 1 : 0)
}

main().catch((err: unknown) => {
  process.stderr.write(
    `chaos run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  )
  process.exit(1)
})
