// `stackradar <command>`: start (embedded or one role), extract (JSONL in → JSONL out), migrate.
import { fileURLToPath } from 'node:url'
import { ConfigError, parseConfig } from '@stackradar/core/config'
import { createRootLogger } from '@stackradar/core/logger'
import { formatCliError } from '@stackradar/core/user-error'
import { FetchError } from '@stackradar/scraper'
import { runExtractCli } from './commands/extract.ts'
import { createClickHouse, migrate } from '@stackradar/core/clickhouse'
import { rollupsCommand } from './commands/rollups.ts'
import { scrapeCommand } from './commands/scrape.ts'
import { sourcesTestCommand } from './commands/sources-test.ts'
import { startCommand } from './commands/start.ts'
import { keysCommand } from './commands/keys.ts'
import { reportCommand } from './commands/report.ts'

const USAGE = `usage:
  stackradar start [--role all|api,scheduler,scrape,extract]
  stackradar extract [--input FILE]     JSONL ads in (stdin by default), JSONL extractions out
  stackradar migrate                    apply ClickHouse migrations and exit
  stackradar sources test <id|kind|URL> print the ads a source would store (stores nothing)
  stackradar scrape --source <id|hn>    read one source now, store and extract, with progress
  stackradar keys create|list|revoke    API keys (stackradar keys for details)
  stackradar report …                   agency reports: one now to a file, or create|list|show|run (stackradar report for details)
  stackradar rollups rebuild|status     refill the chart rollups from the raw tables / show their state`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'extract') return runExtractCli(rest, process.stdin, process.stdout)
  if (!['start', 'migrate', 'sources', 'scrape', 'keys', 'report', 'rollups'].includes(command ?? '')) {
    console.error(USAGE)
    return command === undefined || command === '--help' ? 0 : 2
  }
  const cfg = parseConfig()
  // A server logs to stdout; a one-shot command keeps stdout for its output (JSONL, progress).
  const log = createRootLogger(cfg.LOG_LEVEL, command === 'start' ? 'stdout' : 'stderr').child({
    module: 'main',
  })

  if (command === 'migrate') {
    const ch = await createClickHouse(cfg)
    const applied = await migrate(ch.client, log, undefined, { cluster: cfg.CLICKHOUSE_CLUSTER })
    log.info({ applied }, 'migrations done')
    await ch.close()
    return 0
  }

  if (command === 'sources') {
    if (rest[0] !== 'test') {
      console.error(USAGE)
      return 2
    }
    return sourcesTestCommand(cfg, rest.slice(1), log)
  }
  if (command === 'scrape') return scrapeCommand(cfg, rest, log)
  if (command === 'keys') return keysCommand(cfg, rest, log)
  if (command === 'report') return reportCommand(cfg, rest, log)
  if (command === 'rollups') return rollupsCommand(cfg, rest, log)
  return startCommand(cfg, rest, log)
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const formatError = (err: unknown) =>
  formatCliError(err, {
    isExpected: (e) => e instanceof FetchError,
    root: ROOT,
    verbose: ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? ''),
  })

process.on('unhandledRejection', (err) => {
  // Logged, not fatal: a bad page or a flaky source must never take the process down.
  console.error(`unhandled rejection: ${formatError(err)}`)
})

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (err) => {
    console.error(err instanceof ConfigError ? err.message : formatError(err))
    process.exit(err instanceof ConfigError ? 78 : 1)
  },
)
