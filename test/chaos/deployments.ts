// The systems the chaos scenarios break: a distributed deployment (real redis-server with AOF as in
// docker-compose, the chDB-backed ClickHouse HTTP endpoint, api+scheduler / scrape / extract as
// child processes) and an embedded one (one `start --role all` process on a DATA_DIR). Every part
// can be killed and started again where its clients expect it (same port, same data).
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { freePort, hasRedisServer } from '../support/redis-server.ts'
import {
  spawnClickHouseHttpFixture,
  type SpawnedClickHouseHttpFixture,
} from '../support/clickhouse-http-fixture.ts'
import { startRole, type RoleProcess } from '../support/role-process.ts'
import { tempDir, testEnv } from '../support/test-config.ts'

/** A redis-server that can be stopped and started again on the same port and append-only file. */
export class RestartableRedis {
  private proc?: ChildProcess
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RestartableRedis> {
    if (!hasRedisServer())
      throw new Error('redis-server is not installed: run `apt-get install -y redis-server`')
    const r = new RestartableRedis(await freePort(), tempDir('chaos-redis'))
    await r.up()
    return r
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  /** docker-compose runs Redis with `--appendonly yes --maxmemory-policy noeviction`; so do we. */
  async up(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '']
    args.push('--appendonly', 'yes', '--maxmemory-policy', 'noeviction')
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    this.proc = proc
    let out = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 20_000)
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer)
          resolve()
        }
      })
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${out}`)))
    })
  }

  async down(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const p = this.proc
    if (!p || p.exitCode !== null || p.signalCode !== null) return
    await new Promise<void>((r) => {
      p.once('exit', () => r())
      p.kill(signal)
    })
  }
}

export interface RoleSet {
  /** Current API base URL (changes when the API process is restarted on a free port). */
  apiUrl(): string | undefined
  /** Processes that exited although nobody stopped them. */
  dead(): string[]
  kill(name: string, signal?: NodeJS.Signals): Promise<void>
  /** Starts a role again (as a supervisor would), waiting for the API to listen when it is one. */
  restart(name: string): Promise<void>
  output(name: string): string
  stopAll(): Promise<void>
}

/** Spawns named roles; tracks which ones died on their own and the API's port. */
function roleSet(
  specs: Record<string, string>,
  env: Record<string, string>,
): RoleSet & { ready: Promise<void> } {
  const procs = new Map<string, RoleProcess>()
  const stopping = new Set<string>()
  let api: string | undefined
  const spawnOne = async (name: string) => {
    const rp = startRole(specs[name]!, env)
    procs.set(name, rp)
    stopping.delete(name)
    if (!specs[name]!.includes('api') && specs[name] !== 'all') return
    api = undefined
    const port = await Promise.race([
      rp.listening,
      new Promise<number>((_, rej) =>
        setTimeout(
          () => rej(new Error(`${name} did not listen:\n${rp.output().slice(-2000)}`)),
          120_000,
        ).unref(),
      ),
    ])
    api = `http://127.0.0.1:${port}`
  }
  return {
    ready: Promise.all(Object.keys(specs).map(spawnOne)).then(() => undefined),
    apiUrl: () => api,
    dead: () =>
      [...procs]
        .filter(([n, p]) => !stopping.has(n) && (p.proc.exitCode !== null || p.proc.signalCode !== null))
        .map(([n, p]) => `${n} (${p.proc.exitCode ?? p.proc.signalCode})`),
    async kill(name, signal = 'SIGKILL') {
      stopping.add(name)
      await procs.get(name)?.kill(signal)
    },
    restart: (name) => spawnOne(name),
    output: (name) => procs.get(name)?.output() ?? '',
    async stopAll() {
      for (const n of procs.keys()) stopping.add(n)
      await Promise.all(
        [...procs.values()].map(async (p) => {
          const t = setTimeout(() => p.proc.kill('SIGKILL'), 30_000)
          await p.kill('SIGTERM')
          clearTimeout(t)
        }),
      )
    },
  }
}

export interface Distributed extends RoleSet {
  redis: RestartableRedis
  clickhouse(): SpawnedClickHouseHttpFixture
  /** Stops the ClickHouse endpoint (SIGTERM: running queries finish) — clients see it gone. */
  stopClickHouse(): Promise<void>
  startClickHouse(): Promise<void>
}

export const DISTRIBUTED_ROLES = { api: 'api,scheduler', scrape: 'scrape', extract: 'extract' }

export async function startDistributed(
  siteUrl: string,
  defer: (fn: () => Promise<unknown>) => void,
  extraEnv: Record<string, string> = {},
): Promise<Distributed> {
  const redis = await RestartableRedis.start()
  defer(() => redis.down())
  const chDir = tempDir('chaos-ch')
  defer(async () => rmSync(chDir, { recursive: true, force: true })) // runs after the endpoint stopped
  const chPort = await freePort()
  let ch = await spawnClickHouseHttpFixture({ path: chDir, port: chPort })
  defer(() => ch.stop())
  const env = testEnv(siteUrl, {
    REDIS_URL: redis.url,
    CLICKHOUSE_URL: ch.url,
    QUEUE_PREFIX: `chaos${Date.now()}`,
    QUEUE_LOCK_MS: '3000',
    SCRAPE_CONCURRENCY: '1',
    EXTRACT_CONCURRENCY: '1',
    WRITER_FLUSH_MS: '200',
    LOG_LEVEL: 'info', // the API's "listening on" line gives its port
    ...extraEnv,
  })
  const roles = roleSet(DISTRIBUTED_ROLES, env)
  defer(() => roles.stopAll())
  await roles.ready
  return {
    ...roles,
    redis,
    clickhouse: () => ch,
    stopClickHouse: () => ch.stop(),
    async startClickHouse() {
      ch = await spawnClickHouseHttpFixture({ path: chDir, port: chPort })
    },
  }
}

/** One embedded process (`start --role all`) on `dataDir`. */
export async function startEmbedded(
  siteUrl: string,
  dataDir: string,
  defer: (fn: () => Promise<unknown>) => void,
  extraEnv: Record<string, string> = {},
): Promise<RoleSet> {
  const env = testEnv(siteUrl, {
    DATA_DIR: dataDir,
    WRITER_FLUSH_MS: '100',
    LOG_LEVEL: 'info',
    ...extraEnv,
  })
  const roles = roleSet({ all: 'all' }, env)
  defer(() => roles.stopAll())
  await roles.ready
  return roles
}
