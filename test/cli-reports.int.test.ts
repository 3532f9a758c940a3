// `stackradar keys …` and `stackradar report …` as a user runs them (child processes on a chDB data
// directory seeded with a few weeks of ads): a key printed once and stored only hashed, revoked
// once; a report defined, run and listed; one report written straight to a PDF.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeAd, writeAds } from '@stackradar/core/analytics/testing'
import { createClickHouse, migrate } from '@stackradar/core/clickhouse'
import { readPdf } from '@stackradar/core/reports/testing'
import { runCli } from './support/run-cli.ts'

const dir = mkdtempSync(join(tmpdir(), 'stackradar-cli-reports-'))
const env = { DATA_DIR: dir }

beforeAll(async () => {
  const ch = await createClickHouse({
    DATA_DIR: dir,
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
  await migrate(ch.client)
  await writeAds(ch, [
    ...Array.from({ length: 24 }, (_, i) =>
      makeAd({ day: '2017-03-08', skills: i < 12 ? ['python'] : ['go'] }),
    ),
    ...Array.from({ length: 24 }, (_, i) =>
      makeAd({ day: '2017-03-01', skills: i < 6 ? ['python'] : ['go'] }),
    ),
  ])
  await ch.close()
}, 120_000)

// Each command opens the chDB data directory: tens of seconds on a loaded 2-core machine.
const SLOW = 600_000

describe('stackradar report flags', () => {
  it(
    'refuses bad flags before opening the data directory',
    async () => {
      const week = await runCli(
        ['report', '--week', '2017-W99', '--format', 'pdf', '--out', join(dir, 'x.pdf')],
        env,
      )
      expect(week.code).toBe(1)
      expect(week.stderr).toMatch(/--week: '2017-W99' is not a week/)
      expect((await runCli(['report', '--week', '2017-W10', '--format', 'pdf'], env)).stderr).toMatch(
        /--out FILE is required/,
      )
      expect((await runCli(['report'], env)).code).toBe(2)
    },
    SLOW,
  )
})

describe('stackradar keys', () => {
  it(
    'creates a key shown once, lists it without the secret, revokes it once',
    async () => {
      const created = await runCli(['keys', 'create', '--name', 'agency', '--scopes', 'reports,read'], env)
      expect(created.code).toBe(0)
      const key = created.stdout.trim()
      expect(key).toMatch(/^srk_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/)
      const id = key.slice(4, 14)
      const listed = await runCli(['keys', 'list'], env)
      expect(listed.stdout).toContain(`${id}\tagency\treports,read`)
      expect(listed.stdout + listed.stderr).not.toContain(key.slice(15))
      expect((await runCli(['keys', 'revoke', id], env)).code).toBe(0)
      expect((await runCli(['keys', 'revoke', id], env)).code).toBe(1)
    },
    SLOW,
  )
})

describe('stackradar report', () => {
  it(
    'defines a report, runs it for a week and shows the run',
    async () => {
      const created = await runCli(
        [
          'report',
          'create',
          '--name',
          'Weekly',
          '--skills',
          'python',
          '--weekly',
          'mon@8',
          '--tz',
          'Europe/Berlin',
          '--formats',
          'json',
        ],
        env,
      )
      expect(created.code).toBe(0)
      const def = JSON.parse(created.stdout) as { id: string; cadence: unknown }
      expect(def.cadence).toEqual({ kind: 'weekly', weekday: 1, hour: 8, timeZone: 'Europe/Berlin' })
      const run = await runCli(['report', 'run', def.id, '--week', '2017-W10', '--no-deliver'], env)
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({
        period: '2017-W10',
        status: 'generated',
        files: [expect.stringMatching(/^json \d+ B$/)],
      })
      const shown = await runCli(['report', 'show', def.id], env)
      expect(JSON.parse(shown.stdout)).toMatchObject({
        id: def.id,
        runs: [{ period: '2017-W10', status: 'generated' }],
      })
    },
    SLOW,
  )

  it(
    'writes one report now: --week 2017-W10 --format pdf --out r.pdf',
    async () => {
      const out = join(dir, 'r.pdf')
      const r = await runCli(
        [
          'report',
          '--week',
          '2017-W10',
          '--format',
          'pdf',
          '--out',
          out,
          '--skills',
          'python',
          '--audience',
          'Acme',
        ],
        env,
      )
      expect(r.code).toBe(0)
      expect(r.stderr).toMatch(
        /report 2017-W10 \(2017-03-06 to 2017-03-12\) vs 2017-W09: pdf, \d+ bytes .*built in [\d.]+ s/,
      )
      const pdf = readPdf(new Uint8Array(readFileSync(out)))
      expect(pdf.pages).toBeGreaterThan(0)
      expect(pdf.text).toContain('Acme')
      expect(pdf.text).toContain('Python')
    },
    SLOW,
  )
})
