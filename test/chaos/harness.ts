// The chaos suite's measuring side: what a scenario reports, how the API is probed while a fault
// lasts (what the system *said*: 503s, timeouts, refused connections), how "settled" is judged,
// and how stored and counted ads are read back. Numbers come from the running system only
// (/api/v1/status, /api/v1/trends, /healthz); the expected counts come from the fixture site.

export interface ScenarioResult {
  scenario: string
  expected: number
  /** Distinct ads in raw_ads_v2 (`/api/v1/status` ads.raw); null when the API never answered. */
  stored: number | null
  /** Distinct ads the charts count (sum of monthly totals from `/api/v1/trends`). */
  counted: number | null
  /** What the system surfaced while the fault lasted, e.g. "healthz 503×4, status timeout×2". */
  errors: string
  /** From the end of the fault (restart, service back) to settled; null when it never settled. */
  recoverMs: number | null
  pass: boolean
  /** Why it missed its goal, or what happened (kill moment, failed units). */
  notes: string[]
}

export interface ScenarioContext {
  /** Epoch ms by which the scenario must have measured its outcome. */
  deadline: number
  /** Registers a cleanup, run in reverse order after the scenario, whatever happened. */
  defer(fn: () => Promise<unknown> | unknown): void
  log(line: string): void
}

export interface Scenario {
  name: string
  timeoutMs: number
  run(ctx: ScenarioContext): Promise<ScenarioResult>
}

export interface Status {
  mode: string
  ads: { raw: number; extracted: number }
  backfill: {
    running: boolean
    threads: { total: number; done: number; failed: number }
    failedUnits: { label: string; error: string }[]
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** GET with a time limit; resolves to the outcome class ("ok", "503", "timeout", "refused", …). */
export async function probe(url: string, timeoutMs = 3000): Promise<{ outcome: string; body?: unknown }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    const text = await res.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
    return { outcome: res.ok ? 'ok' : String(res.status), body }
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } }
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { outcome: 'timeout' }
    if (e.cause?.code === 'ECONNREFUSED') return { outcome: 'refused' }
    return { outcome: e.cause?.code ?? 'error' }
  }
}

export async function readStatus(apiUrl: string, timeoutMs = 5000): Promise<Status | null> {
  const r = await probe(`${apiUrl}/api/v1/status`, timeoutMs)
  return r.outcome === 'ok' ? (r.body as Status) : null
}

/**
 * Probes /healthz and /api/v1/status once a second and tallies the answers, so a scenario can say
 * what the system told its users while the fault lasted. `apiUrl` is read each time: an API
 * process restarted on a new port is followed.
 */
export function startProber(apiUrl: () => string | undefined) {
  const tally = new Map<string, number>()
  let maxFailedUnits = 0
  let firstError = ''
  let stopped = false
  const loop = (async () => {
    while (!stopped) {
      const base = apiUrl()
      if (base) {
        const [h, s] = await Promise.all([probe(`${base}/healthz`), probe(`${base}/api/v1/status`)])
        for (const [name, r] of [
          ['healthz', h],
          ['status', s],
        ] as const) {
          const key = `${name} ${r.outcome}`
          tally.set(key, (tally.get(key) ?? 0) + 1)
          if (r.outcome !== 'ok' && !firstError && r.body) firstError = `${name}: ${oneLine(r.body)}`
        }
        const st = s.outcome === 'ok' ? (s.body as Status) : undefined
        if (st) {
          maxFailedUnits = Math.max(maxFailedUnits, st.backfill.failedUnits.length)
          const fu = st.backfill.failedUnits[0]
          if (fu && !firstError) firstError = `failed ${fu.label}: ${fu.error}`
        }
      }
      await sleep(1000)
    }
  })()
  return {
    async stop(): Promise<{ summary: string; firstError: string }> {
      stopped = true
      await loop
      const bad = [...tally].filter(([k]) => !k.endsWith(' ok')).map(([k, n]) => `${k}×${n}`)
      if (maxFailedUnits) bad.push(`failed units ${maxFailedUnits}`)
      return { summary: bad.join(', ') || 'none', firstError: firstError.slice(0, 160) }
    },
  }
}

function oneLine(body: unknown): string {
  return (typeof body === 'string' ? body : JSON.stringify(body)).replace(/\s+/g, ' ').slice(0, 160)
}

/**
 * Waits until the backfill is over (every known thread done or failed, queues empty, every stored ad
 * extracted) or the deadline passes. Returns the last status seen and whether it settled.
 */
export async function waitSettled(
  apiUrl: () => string | undefined,
  minThreads: number,
  deadline: number,
): Promise<{ status: Status | null; settled: boolean }> {
  let last: Status | null = null
  while (Date.now() < deadline) {
    const base = apiUrl()
    const s = base ? await readStatus(base) : null
    if (s) {
      last = s
      const t = s.backfill.threads
      if (
        !s.backfill.running &&
        t.total >= minThreads &&
        t.done + t.failed === t.total &&
        s.ads.extracted >= s.ads.raw
      )
        return { status: s, settled: true }
    }
    await sleep(500)
  }
  return { status: last, settled: false }
}

/** Waits until `ready(status)` holds (a kill moment), or the deadline; returns the status then. */
export async function waitProgress(
  apiUrl: () => string | undefined,
  ready: (s: Status) => boolean,
  deadline: number,
): Promise<Status | null> {
  let last: Status | null = null
  while (Date.now() < deadline) {
    const base = apiUrl()
    const s = base ? await readStatus(base, 3000) : null
    if (s) {
      last = s
      if (ready(s)) return s
    }
    await sleep(250) // with the prober, well under the API's default per-IP rate limit (600/min)
  }
  return last
}

/** Distinct ads the charts count: the per-month totals of /api/v1/trends summed. */
export async function countedAds(apiUrl: string): Promise<number | null> {
  const r = await probe(`${apiUrl}/api/v1/trends?skills=python&interval=month&from=2025-01`, 30_000)
  if (r.outcome !== 'ok') return null
  const points = (r.body as { points: { period: string; total: number }[] }).points
  const byPeriod = new Map(points.map((p) => [p.period, p.total]))
  return [...byPeriod.values()].reduce((a, b) => a + b, 0)
}

/**
 * The verdict: every expected ad stored and counted exactly once, the backfill settled, the API
 * healthy and every process alive. `deadProcesses` names processes that exited on their own.
 */
export async function judge(opts: {
  scenario: string
  expected: number
  apiUrl: string | undefined
  settled: { status: Status | null; settled: boolean }
  recoveredAt: number | null
  faultEndedAt: number
  deadProcesses: string[]
  errors: { summary: string; firstError: string }
  notes: string[]
}): Promise<ScenarioResult> {
  const notes = [...opts.notes]
  const status = opts.settled.status
  let stored: number | null = status?.ads.raw ?? null
  let counted: number | null = null
  let healthy = false
  if (opts.apiUrl) {
    const fresh = await readStatus(opts.apiUrl, 15_000)
    if (fresh) stored = fresh.ads.raw
    counted = await countedAds(opts.apiUrl)
    healthy = (await probe(`${opts.apiUrl}/healthz`, 10_000)).outcome === 'ok'
  }
  if (!opts.settled.settled) {
    const s = status
    notes.push(
      s
        ? `did not settle before the deadline (last status: stored ${s.ads.raw}, extracted ${s.ads.extracted}, ` +
            `threads ${s.backfill.threads.done} done + ${s.backfill.threads.failed} failed of ${s.backfill.threads.total}, ` +
            `running ${s.backfill.running})`
        : 'did not settle before the deadline (no status reading)',
    )
  }
  if (stored !== opts.expected) notes.push(`stored ${stored ?? '?'} of ${opts.expected}`)
  if (counted !== opts.expected) notes.push(`counted ${counted ?? '?'} of ${opts.expected}`)
  if (!healthy) notes.push('/healthz not ok at the end')
  if (opts.deadProcesses.length) notes.push(`exited on its own: ${opts.deadProcesses.join(', ')}`)
  for (const fu of status?.backfill.failedUnits ?? [])
    notes.push(`failed unit ${fu.label}: ${fu.error.slice(0, 120)}`)
  if (opts.errors.firstError) notes.push(`first error seen: ${opts.errors.firstError}`)
  const pass =
    opts.settled.settled &&
    stored === opts.expected &&
    counted === opts.expected &&
    healthy &&
    opts.deadProcesses.length === 0
  return {
    scenario: opts.scenario,
    expected: opts.expected,
    stored,
    counted,
    errors: opts.errors.summary,
    recoverMs: opts.settled.settled && opts.recoveredAt ? opts.recoveredAt - opts.faultEndedAt : null,
    pass,
    notes,
  }
}
