// Starts a real redis-server on a free port for tests that need BullMQ (its Lua scripts do not
// run on ioredis-mock). Says exactly what is missing when redis-server is not installed.
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { startDeadline } from './wait.ts'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0
}

/**
 * `port`: reuse a port (a restart of the same server); `dir`: persist to an append-only file there,
 * so a restarted server keeps its queues, as a production Redis does. `startTimeoutMs`: how long
 * to wait for it to accept connections; 0 waits until it does or exits (no clock).
 */
export async function startRedis(
  opts: { port?: number; dir?: string; startTimeoutMs?: number } = {},
): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  if (!hasRedisServer()) {
    throw new Error('redis-server is not installed: run `apt-get install -y redis-server` (or bash .ci/run)')
  }
  const port = opts.port ?? (await freePort())
  const persistence = opts.dir
    ? ['--dir', opts.dir, '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no']
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  await new Promise<void>((resolve, reject) => {
    const timer = startDeadline(opts.startTimeoutMs ?? 15_000, () =>
      reject(new Error(`redis-server did not start:\n${out}`)),
    )
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    proc.on('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${out}`)))
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise((r) => {
        if (proc.exitCode !== null) return r()
        proc.once('exit', () => r())
        proc.kill('SIGTERM')
      }),
  }
}
