// `stackradar <command>`: start (embedded or one role), extract (JSONL in → JSONL out), migrate.
import { parseArgs } from 'node:util'
import { ConfigError, parseConfig } from '@stackradar/core/config'
import { createRootLogger } from '@stackradar/core/logger'
import { runExtractCli } from '@stackradar/core/extract/index'
import { createClickHouse } from '@stackradar/core/clickhouse/client'
import { migrate } from '@stackradar/core/clickhouse/migrate'
import { parseRoles, startRuntime } from './runtime.ts'

const USAGE = `usage:
  stackradar start [--role all|api,scheduler,scrape,extract]
  stackradar extract [--input FILE]     JSONL ads in (stdin by default), JSONL extractions out
  stackradar migrate                    apply ClickHouse migrations and exit`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'extract') return runExtractCli(rest, process.stdin, process.stdout)
  if (command !== 'start' && command !== 'migrate') {
    console.error(USAGE)
    return command === undefined || command === '--help' ? 0 : 2
  }
  const cfg = parseConfig()
  const log = createRootLogger(cfg.LOG_LEVEL).child({ module: 'main' })

  if (command === 'migrate') {
    const ch = await createClickHouse(cfg)
    const applied = await migrate(ch.client, log)
    log.info({ applied }, 'migrations done')
    await ch.close()
    return 0
  }

  const { values } = parseArgs({ args: rest, options: { role: { type: 'string' } } })
  const runtime = await startRuntime(cfg, parseRoles(values.role))
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

process.on('unhandledRejection', (err) => {
  // Logged, not fatal: a bad page or a flaky source must never take the process down.
  console.error('unhandled rejection:', err)
})

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `stackradar: ${(err as Error).stack ?? err}`)
    process.exit(err instanceof ConfigError ? 78 : 1)
  },
)
