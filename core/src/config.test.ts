import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from './config.ts'

describe('parseConfig', () => {
  it('gives defaults for an empty environment', () => {
    const cfg = parseConfig({})
    expect(cfg).toMatchObject({ PORT: 3000, DATA_DIR: './data', HN_MONTHS: 24 })
    expect(cfg.CLICKHOUSE_URL ?? cfg.REDIS_URL).toBeUndefined()
  })

  it('reads HN threads through the Algolia API by default; HTML pages and the whole history on request', () => {
    expect(parseConfig({}).HN_THREAD_READER).toBe('algolia')
    const all = parseConfig({ HN_THREAD_READER: 'html', HN_SINCE: '2011-01' })
    expect([all.HN_THREAD_READER, all.HN_SINCE]).toEqual(['html', '2011-01'])
    expect(() => parseConfig({ HN_THREAD_READER: 'rss' })).toThrow(ConfigError)
  })

  it('takes a ClickHouse cluster name only with a server URL', () => {
    expect(() => parseConfig({ CLICKHOUSE_CLUSTER: 'main' })).toThrow(
      /CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL/,
    )
    expect(() => parseConfig({ CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: "x'y" })).toThrow(
      /CLICKHOUSE_CLUSTER/,
    )
    expect(
      parseConfig({ CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: 'main' }).CLICKHOUSE_CLUSTER,
    ).toBe('main')
  })

  it('names the variable and what it expects', () => {
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(ConfigError)
    try {
      parseConfig({ PORT: '70000', HN_SINCE: '2024-13', REDIS_URL: 'not a url' })
    } catch (err) {
      const msg = (err as Error).message
      expect(msg).toMatch(/PORT: .*65535/)
      expect(msg).toMatch(/HN_SINCE: a month as YYYY-MM \(got "2024-13"\)/)
      expect(msg).toMatch(/REDIS_URL/)
    }
  })

  it('treats an empty URL as unset and splits comma lists', () => {
    const cfg = parseConfig({ CLICKHOUSE_URL: '', ALLOW_PRIVATE_HOSTS: 'a, b,,c' })
    expect(cfg.CLICKHOUSE_URL).toBeUndefined()
    expect(cfg.ALLOW_PRIVATE_HOSTS).toEqual(['a', 'b', 'c'])
  })
})
