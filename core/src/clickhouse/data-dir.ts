// The embedded engine's data directory: created level by level with a clear error (Node's
// recursive mkdir loops forever under /proc, so `DATA_DIR=/proc/x` used to hang start-up), and the
// pid of a process that already holds it (chDB writes "PID: n" to `status` while it runs).
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UserError } from '../user-error.ts'

/** Create `path` and its missing parents, or throw a UserError saying why it cannot be. */
export function ensureDataDir(path: string): void {
  const missing: string[] = []
  let at = resolve(path)
  while (!existsSync(at)) {
    missing.unshift(at)
    const parent = dirname(at)
    if (parent === at) break
    at = parent
  }
  const fail = (why: string) =>
    new UserError(`Cannot use data directory ${path}: ${why}. Set DATA_DIR to a writable directory.`)
  if (!statSync(at).isDirectory()) throw fail(`${at} is not a directory`)
  try {
    accessSync(at, constants.W_OK | constants.X_OK)
  } catch {
    throw fail(`${at} is not writable`)
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir)
    } catch (err) {
      throw fail(`cannot create ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`)
    }
  }
  if (!statSync(path).isDirectory()) throw fail('it is not a directory')
}

/** The pid of another live process holding the chDB directory, if any. */
export function lockHolder(path: string): number | undefined {
  let text: string
  try {
    text = readFileSync(resolve(path, 'status'), 'utf8')
  } catch {
    return undefined
  }
  const pid = Number(/^PID:\s*(\d+)/m.exec(text)?.[1])
  if (!Number.isInteger(pid) || pid <= 0) return undefined
  if (pid === process.pid) return pid
  try {
    process.kill(pid, 0)
    return pid
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined
  }
}
