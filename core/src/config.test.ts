import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from './config.ts'

describe('parseConfig', () => {
  it('gives defaults for an empty environment', () => {
    const cfg = parseConfig({})
    expect(cfg).toMatchObject({ PORT: 3000, DATA_DIR: './data', HN_MONTHS: 24 })
    expect(cfg.CLICKHOUSE_URL ?? cfg.REDIS_URL).toBeUndefined()
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
