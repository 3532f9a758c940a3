// `stackradar <command>`: start (embedded or one role), extract (JSONL in → JSONL out), migrate.
import { ConfigError, parseConfig } from '@stackradar/core/config'
import { createRootLogger } from '@stackradar/core/logger'
import { runExtractCli } from '@stackradar/core/extract'
import { createClickHouse } from '@stackradar/core/clickhouse'
import { migrate } from '@stackradar/core/clickhouse'
import { scrapeCommand } from './commands/scrape.ts'
import { sourcesTestCommand } from './commands/sources-test.ts'
import { startCommand } from './commands/start.ts'

const USAGE = `usage:
  stackradar start [--role all|api,scheduler,scrape,extract]
  stackradar extract [--input FILE]     JSONL ads in (stdin by default), JSONL extractions out
  stackradar migrate                    apply ClickHouse migrations and exit
  stackradar sources test <id|kind|URL> print the ads a source would store (stores nothing)
  stackradar scrape --source <id|hn>    read one source now, store and extract, with progress`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'extract') return runExtractCli(rest, process.stdin, process.stdout)
  if (!['start', 'migrate', 'sources', 'scrape'].includes(command ?? '')) {
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

  if (command === 'sources') {
    if (rest[0] !== 'test') {
      console.error(USAGE)
      return 2
    }
    return sourcesTestCommand(cfg, rest.slice(1), log)
  }
  if (command === 'scrape') return scrapeCommand(cfg, rest, log)
  return startCommand(cfg, rest, log)
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
