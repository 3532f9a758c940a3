// `stackradar start [--role ...]`: run until SIGTERM/SIGINT, then shut down in order.
import { parseArgs } from 'node:util'
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import { parseRoles, startRuntime } from '../runtime.ts'

export async function startCommand(cfg: Config, args: string[], log: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { role: { type: 'string' } } })
  const runtime = await startRuntime(cfg, parseRoles(values.role, cfg.REDIS_URL))
  const onSignal = (signal: string) => {
    // A second signal, or the deadline, ends the process at once; a restart resumes.
    if (process.exitCode === 130) process.exit(130)
    process.exitCode = 130
    setTimeout(() => {
      log.error({ ms: cfg.SHUTDOWN_TIMEOUT_MS }, 'shutdown deadline passed; exiting')
      process.exit(1)
    }, cfg.SHUTDOWN_TIMEOUT_MS).unref()
    runtime.stop(signal).then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  process.on('SIGINT', () => onSignal('SIGINT'))
  return -1 // keep running
}
