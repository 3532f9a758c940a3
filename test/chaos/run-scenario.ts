// The one shape every scenario follows: start a world and a deployment, wait for a moment of the
// backfill, inject a fault (and end it), then wait for the system to settle and judge it.
import type { HnFixtureSite } from '../support/hn-fixture-server.ts'
import { startDistributed, startEmbedded, type Distributed, type RoleSet } from './deployments.ts'
import {
  judge,
  startProber,
  waitProgress,
  waitSettled,
  type ScenarioContext,
  type ScenarioResult,
  type Status,
} from './harness.ts'
import { startFaultySite, type FaultySite } from './sites.ts'

export interface FaultPlan<D extends RoleSet> {
  /** Fraction of the backfill's work (ads stored + extracted, over twice the expected ads) to wait for. */
  at: number
  /**
   * Breaks something and mends it. Resolves when the fault is over, with the moment the mending
   * began (a restart issued, a service back) when that was earlier: the clock for recovery starts there.
   */
  inject(
    d: D,
    web: FaultySite,
    ctx: ScenarioContext,
    notes: string[],
    crashed: string[],
  ): Promise<number | void>
  /** How long the system may take to settle after the fault (default 90 s). */
  settleMs?: number
}

interface World {
  site: HnFixtureSite
  expected: number
  /** Threads the backfill must know of before it can be called settled. */
  threads: number
  /** Thread-page answer delay, to spread the backfill over time. */
  delayMs?: number
}

const progress = (s: Status, expected: number) => (s.ads.raw + s.ads.extracted) / (2 * expected)

async function runWith<D extends RoleSet>(
  name: string,
  ctx: ScenarioContext,
  world: World,
  deploy: (web: FaultySite) => Promise<D>,
  plan: FaultPlan<D>,
): Promise<ScenarioResult> {
  const notes: string[] = []
  const web = await startFaultySite(world.site, world.delayMs ?? 150)
  ctx.defer(() => web.close())
  const t0 = Date.now()
  const d = await deploy(web)
  ctx.log(`deployment up in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  // Leave time after the fault for recovery and measurement.
  const momentDeadline = ctx.deadline - (ctx.deadline - Date.now()) / 2
  const s = await waitProgress(d.apiUrl, (st) => progress(st, world.expected) >= plan.at, momentDeadline)
  notes.push(
    s
      ? `fault at ${Math.round(progress(s, world.expected) * 100)}% (stored ${s.ads.raw}, extracted ${s.ads.extracted})`
      : 'fault injected without a status reading',
  )
  ctx.log(notes[0]!)
  const prober = startProber(d.apiUrl)
  const crashed: string[] = []
  const mendedAt = await plan.inject(d, web, ctx, notes, crashed)
  const faultEndedAt = mendedAt ?? Date.now()
  const settleBy = Math.min(ctx.deadline - 25_000, Date.now() + (plan.settleMs ?? 90_000))
  const settled = await waitSettled(d.apiUrl, world.threads, settleBy)
  const recoveredAt = settled.settled ? Date.now() : null
  ctx.log(
    settled.settled
      ? `settled ${((Date.now() - faultEndedAt) / 1000).toFixed(1)} s after the fault`
      : 'not settled',
  )
  const errors = await prober.stop()
  return judge({
    scenario: name,
    expected: world.expected,
    apiUrl: d.apiUrl(),
    settled,
    recoveredAt,
    faultEndedAt,
    deadProcesses: [...crashed, ...d.dead()],
    errors,
    notes,
  })
}

export function distributedRun(
  name: string,
  ctx: ScenarioContext,
  world: World,
  plan: FaultPlan<Distributed>,
  extraEnv: Record<string, string> = {},
): Promise<ScenarioResult> {
  return runWith(name, ctx, world, (web) => startDistributed(web.url, ctx.defer, extraEnv), plan)
}

export function embeddedRun(
  name: string,
  ctx: ScenarioContext,
  world: World,
  dataDir: string,
  plan: FaultPlan<RoleSet>,
  extraEnv: Record<string, string> = {},
): Promise<ScenarioResult> {
  return runWith(name, ctx, world, (web) => startEmbedded(web.url, dataDir, ctx.defer, extraEnv), plan)
}
