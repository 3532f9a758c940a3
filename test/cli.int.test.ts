// The `stackradar` command as a user runs it: `sources test` prints the ads a source would store,
// `scrape --source` stores and extracts one board with progress, `extract` turns JSONL into JSONL,
// and a bad setting stops start-up with a message naming it.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendJob, startBoardSite, type BoardSite } from './support/board-site.ts'
import { tempDir } from './support/test-config.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
let site: BoardSite
const dir = tempDir('cli')

function run(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['cli/bin/stackradar.js', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        HOST_DELAY_MS: '0',
        ALLOW_PRIVATE_HOSTS: '127.0.0.1',
        ...env,
      },
    })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    p.on('exit', (code) => resolve({ code, stdout, stderr }))
    p.stdin.end(input ?? '')
  })
}

beforeAll(async () => {
  site = await startBoardSite({
    greenhouse: [
      backendJob('1', 'Acme', 'Backend Engineer', ['Python', 'Django']),
      backendJob('2', 'Acme', 'SRE', ['Terraform', 'AWS']),
    ],
    careers: [backendJob('9', 'Beta', 'Go Developer', ['Golang'])],
  })
  writeFileSync(
    join(dir, 'sources.json'),
    JSON.stringify({
      sources: [{ id: 'gh-acme', kind: 'greenhouse', baseUrl: site.url, config: { board: 'acme' } }],
    }),
  )
})
afterAll(async () => site?.close())

describe('stackradar CLI', () => {
  it('sources test <url> prints the ads of a careers page without storing them', async () => {
    const r = await run(['sources', 'test', `${site.url}/careers`])
    expect(r.code).toBe(0)
    const ads = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; company: string })
    expect(ads).toEqual([expect.objectContaining({ title: 'Go Developer', company: 'Beta' })])
    expect(r.stderr).toMatch(/adhoc-url \(jsonld\): 1 ads from 2 requests/)
  })

  it('sources test <url> waits for every ad page its host gate spaces out (default HOST_DELAY_MS)', async () => {
    const paced = await startBoardSite({
      careers: ['31', '32', '33'].map((id) => backendJob(id, 'Gamma', `Engineer ${id}`, ['Rust'])),
    })
    try {
      const r = await run(['sources', 'test', `${paced.url}/careers`], { HOST_DELAY_MS: '1000' })
      expect(r.stderr).toMatch(/adhoc-url \(jsonld\): 3 ads from 4 requests/)
      expect(r.stdout.trim().split('\n')).toHaveLength(3)
      expect(r.code).toBe(0)
    } finally {
      await paced.close()
    }
  })

  it('sources test <url> that finds no ads and no error exits non-zero saying so', async () => {
    const empty = await startBoardSite({ careers: [] })
    try {
      const r = await run(['sources', 'test', `${empty.url}/careers`])
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(/adhoc-url \(jsonld\): no ads found/)
      expect(r.code).toBe(1)
    } finally {
      await empty.close()
    }
  })

  it('scrape --source stores and extracts one board', async () => {
    const r = await run(['scrape', '--source', 'gh-acme'], {
      SOURCES_FILE: join(dir, 'sources.json'),
      DATA_DIR: join(dir, 'data'),
    })
    expect(r.stderr).toMatch(/scrape gh-acme: 2 new ads stored, 2 extracted in all/)
    expect(r.code).toBe(0)
  })

  it('scrape --source names the known sources when the id is wrong', async () => {
    const r = await run(['scrape', '--source', 'nope'], {
      SOURCES_FILE: join(dir, 'sources.json'),
      DATA_DIR: join(dir, 'data2'),
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/no source 'nope'.*known: hn, gh-acme/)
  })

  it('extract reads JSONL ads and writes one extraction per line', async () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: 'Acme | Backend | Remote (US) | $150k-$180k\nWe use Go and PostgreSQL; our go-to-market team is hiring too.',
      }),
      'not json',
      JSON.stringify({ id: 'b', text: 'Beta | Java developer | Spring, Hibernate' }),
    ].join('\n')
    const r = await run(['extract'], {}, input)
    expect(r.code).toBe(0)
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; skills: { id: string }[]; salary: { min: number } | null })
    expect(out.map((o) => o.id)).toEqual(['a', 'b'])
    expect(out[0]!.skills.map((s) => s.id).sort()).toEqual(['go', 'postgresql'])
    expect(out[0]!.salary).toMatchObject({ min: 150000, max: 180000, currency: 'USD', period: 'year' })
    expect(out[1]!.skills.map((s) => s.id)).toContain('java')
    expect(out[1]!.skills.map((s) => s.id)).not.toContain('javascript')
    expect(r.stderr).toMatch(/line 2/)
  })

  it('a bad setting stops start-up naming the variable', async () => {
    const r = await run(['start'], { PORT: 'eighty', DATA_DIR: join(dir, 'data3') })
    expect(r.code).toBe(78)
    expect(r.stderr).toMatch(/PORT: /)
  })
})
