// Runs `stackradar start --role X` as a child process, the way the distributed deployment does.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startDeadline } from './wait.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface RoleProcess {
  role: string
  proc: ChildProcess
  output: () => string
  /** Resolves with the port once an API role listens. */
  listening: Promise<number>
  kill(signal?: NodeJS.Signals): Promise<number | null>
}

export function startRole(role: string, env: Record<string, string>): RoleProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'cli/src/main.ts', 'start', '--role', role], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let resolvePort!: (p: number) => void
  const listening = new Promise<number>((r) => (resolvePort = r))
  const onData = (d: Buffer) => {
    out += d.toString()
    const m = /listening on http:\/\/localhost:(\d+)/.exec(out)
    if (m) resolvePort(Number(m[1]))
  }
  proc.stdout!.on('data', onData)
  proc.stderr!.on('data', onData)
  return {
    role,
    proc,
    output: () => out,
    listening,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode)
        proc.once('exit', (code) => resolve(code))
        proc.kill(signal)
      }),
  }
}

/**
 * Start the api+scheduler role and wait for the port it listens on: fails when it exits first, or
 * after `timeoutMs` (0: no clock, it waits until the role listens or exits).
 */
export async function startApiRole(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ role: RoleProcess; port: number }> {
  const role = startRole('api,scheduler', env)
  let timer: NodeJS.Timeout | undefined
  try {
    const port = await Promise.race([
      role.listening,
      new Promise<number>((_, rej) =>
        role.proc.once('exit', (code) =>
          rej(new Error(`api exited (${code}) before listening:\n${role.output()}`)),
        ),
      ),
      new Promise<number>((_, rej) => {
        timer = startDeadline(timeoutMs, () => rej(new Error(`api did not start:\n${role.output()}`)))
      }),
    ])
    return { role, port }
  } catch (err) {
    await role.kill('SIGKILL')
    throw err
  } finally {
    clearTimeout(timer)
  }
}

/** Resolves once every role has logged "roles started" (needs LOG_LEVEL info); rejects with their output after `timeoutMs`. */
export async function bothStarted(roles: RoleProcess[], timeoutMs = 240_000): Promise<void> {
  const t0 = Date.now()
  while (!roles.every((r) => r.output().includes('roles started'))) {
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`roles did not start:\n${roles.map((r) => r.output()).join('\n')}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
