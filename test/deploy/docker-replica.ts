// `npm run docker:replica`: builds the Dockerfile's image without a container engine and runs it.
// The Dockerfile is read and replayed step by step in a clean copy of the repo (replica-build.ts), then
// the image's ENTRYPOINT is started from the replayed filesystem once per role, against a real
// redis-server, the ClickHouse HTTP endpoint fixture and a local HN fixture site:
//   distributed (default build arguments, no chDB engine): api, scheduler, scrape, extract, each its
//     own process; healthy = api's /healthz answers 200, every role logs "roles started" and stays up,
//     and the fixture site's ads are scraped and extracted through them (/api/v1/status);
//   embedded (--build-arg WITH_CHDB=true): ROLE=all alone, chDB in process; same checks.
// Each role must stop with exit code 0 on SIGTERM. Exits 1 naming what failed.
// Usage: docker-replica.ts [--variant distributed|embedded|both] [--keep]
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { spawnClickHouseHttpFixture } from '../support/clickhouse-http-fixture.ts'
import { defaultHiringSite } from '../support/hiring-site.ts'
import { startHnFixtureServer } from '../support/hn-fixture-server.ts'
import { startRedis } from '../support/redis-server.ts'
import { parseDockerfile } from './dockerfile.ts'
import { buildStages, prepareContext, type BuiltStage } from './replica-build.ts'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const say = (line: string) => console.log(`[docker-replica] ${line}`)

interface Variant {
  name: 'distributed' | 'embedded'
  buildArgs: Record<string, string>
  /** One process per entry (its ROLE). */
  roles: string[]
}
const VARIANTS: Variant[] = [
  { name: 'distributed', buildArgs: {}, roles: ['api', 'scheduler', 'scrape', 'extract'] },
  { name: 'embedded', buildArgs: { WITH_CHDB: 'true' }, roles: ['all'] },
]

interface RunningRole {
  role: string
  proc: ChildProcess
  output: () => string
}

function startImageRole(image: BuiltStage, role: string, env: Record<string, string>): RunningRole {
  const [command, ...args] = [...image.entrypoint, ...image.cmd]
  if (!command) throw new Error('the image has no ENTRYPOINT/CMD')
  // The image's environment, then what `docker run -e` would add; nothing from this machine but PATH/HOME.
  const proc = spawn(command, args, {
    cwd: join(image.root, image.workdir),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...image.env, ROLE: role, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  return { role, proc, output: () => out }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const t0 = Date.now()
  while (Date.now() - t0 < timeoutMs) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
}

async function stopRole(r: RunningRole): Promise<number | null> {
  if (r.proc.exitCode !== null || r.proc.signalCode !== null) return r.proc.exitCode
  const exited = new Promise<number | null>((resolve) => r.proc.once('exit', (code) => resolve(code)))
  r.proc.kill('SIGTERM')
  const timer = setTimeout(() => r.proc.kill('SIGKILL'), 30_000)
  const code = await exited
  clearTimeout(timer)
  return code
}

async function checkVariant(variant: Variant, image: BuiltStage, work: string): Promise<void> {
  const app = join(image.root, image.workdir)
  const chdbPresent = existsSync(join(app, 'node_modules/@chdb'))
  const devPresent = ['vite', 'vitest', 'svelte'].filter((p) => existsSync(join(app, 'node_modules', p)))
  say(
    `${variant.name}: chDB engine ${chdbPresent ? 'present' : 'absent'}; dev dependencies present: ${devPresent.join(', ') || 'none'}`,
  )
  if (devPresent.length > 0) throw new Error(`dev dependencies in the image: ${devPresent.join(', ')}`)
  if (chdbPresent !== (variant.buildArgs.WITH_CHDB === 'true'))
    throw new Error(
      `chDB engine ${chdbPresent ? 'present' : 'absent'} with WITH_CHDB=${variant.buildArgs.WITH_CHDB ?? 'default'}`,
    )
  if (!existsSync(join(app, 'dashboard/build/index.html'))) throw new Error('no built dashboard in the image')

  const site = defaultHiringSite(1)
  const hn = await startHnFixtureServer(site)
  const redis = variant.name === 'distributed' ? await startRedis() : undefined
  const clickhouse =
    variant.name === 'distributed'
      ? await spawnClickHouseHttpFixture({ path: mkdtempSync(join(work, 'ch-')) })
      : undefined
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    DATA_DIR: mkdtempSync(join(work, 'data-')), // the image's /data
    HN_ALGOLIA_URL: hn.url,
    HN_WEB_URL: hn.url,
    HN_SINCE: '2026-07',
    HN_THREAD_READER: 'html',
    HOST_DELAY_MS: '0',
    ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    WRITER_FLUSH_MS: '100',
    ...(redis && { REDIS_URL: redis.url, QUEUE_PREFIX: `replica${Date.now()}` }),
    ...(clickhouse && { CLICKHOUSE_URL: clickhouse.url }),
  }
  const roles = variant.roles.map((role) => startImageRole(image, role, env))
  const failures: string[] = []
  try {
    const api = roles.find((r) => r.role === 'api' || r.role === 'all')!
    const port = await until(
      `${api.role} to listen`,
      async () => /listening on http:\/\/localhost:(\d+)/.exec(api.output())?.[1],
      90_000,
    )
    const base = `http://127.0.0.1:${port}`
    await until('/healthz 200', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 60_000)
    say(`${variant.name}: ${api.role} /healthz 200 on port ${port}`)
    for (const r of roles) {
      await until(
        `role ${r.role} to log "roles started"`,
        async () => (r.output().includes('roles started') ? true : undefined),
        90_000,
      )
      if (r.proc.exitCode !== null) throw new Error(`role ${r.role} exited with ${r.proc.exitCode}`)
    }
    say(`${variant.name}: roles started: ${roles.map((r) => r.role).join(', ')}`)
    const extracted = await until(
      `all ${site.totalAds} fixture ads scraped and extracted`,
      async () => {
        const status = (await (await fetch(`${base}/api/v1/status`)).json()) as {
          ads: { raw: number; extracted: number }
        }
        return status.ads.extracted === site.totalAds ? status.ads : undefined
      },
      180_000,
    )
    say(
      `${variant.name}: ${extracted.raw} ads scraped, ${extracted.extracted} extracted through the image's roles`,
    )
    for (const r of roles) {
      if (r.proc.exitCode !== null) failures.push(`role ${r.role} exited early with ${r.proc.exitCode}`)
    }
  } catch (error) {
    failures.push((error as Error).message)
  } finally {
    for (const r of roles) {
      const code = await stopRole(r)
      if (code !== 0) failures.push(`role ${r.role} stopped with exit code ${code} on SIGTERM`)
    }
    await clickhouse?.stop()
    await redis?.stop()
    await hn.close()
  }
  if (failures.length > 0) {
    for (const r of roles)
      say(`--- ${r.role} output (last 40 lines) ---\n${r.output().split('\n').slice(-40).join('\n')}`)
    throw new Error(`${variant.name}: ${failures.join('; ')}`)
  }
  say(`${variant.name}: OK`)
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { variant: { type: 'string', default: 'both' }, keep: { type: 'boolean', default: false } },
  })
  const variants = VARIANTS.filter((v) => values.variant === 'both' || v.name === values.variant)
  if (variants.length === 0)
    throw new Error(`--variant: distributed, embedded or both, not ${values.variant}`)
  const work = mkdtempSync(join(tmpdir(), 'stackradar-docker-replica-'))
  const t0 = Date.now()
  try {
    const file = parseDockerfile(readFileSync(join(REPO, 'Dockerfile'), 'utf8'))
    const context = join(work, 'context')
    prepareContext(REPO, context, say)
    for (const variant of variants) {
      say(`${variant.name}: building (build args: ${JSON.stringify(variant.buildArgs)})`)
      const stages = buildStages({
        file,
        context,
        dir: join(work, 'stages'),
        buildArgs: variant.buildArgs,
        say,
      })
      await checkVariant(variant, [...stages.values()].at(-1)!, work)
    }
    say(`all OK in ${Math.round((Date.now() - t0) / 1000)} s`)
    return 0
  } finally {
    if (values.keep) say(`kept ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[docker-replica] FAILED: ${error.message}`)
    process.exit(1)
  },
)
