import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseSourcesFile } from './sources-config.ts'

describe('sources file', () => {
  it('accepts the example file shipped in the repo', () => {
    const file = parseSourcesFile(
      JSON.parse(readFileSync(new URL('../../sources.example.json', import.meta.url), 'utf8')),
    )
    expect(file.sources.length).toBeGreaterThan(5)
    expect(file.sources[0]).toMatchObject({ id: 'greenhouse-gitlab', enabled: true, everyMinutes: 360 })
  })

  it('states the 2–63 length rule when an id is too short or too long', () => {
    for (const id of ['a', 'a'.repeat(64)]) {
      expect(() => parseSourcesFile({ sources: [{ id, kind: 'lever' }] })).toThrow(/2 to 63 characters/)
    }
    expect(parseSourcesFile({ sources: [{ id: 'a'.repeat(63), kind: 'lever' }] }).sources).toHaveLength(1)
  })

  it('names the entry and field that are wrong', () => {
    expect(() => parseSourcesFile({ sources: [{ id: 'Bad Id', kind: 'lever' }] })).toThrow(
      /sources\.0\.id: 2 to 63 characters: lowercase/,
    )
    expect(() => parseSourcesFile({ sources: [{ id: 'a-b', kind: 'lever', everyMinutes: 1 }] })).toThrow(
      /sources\.0\.everyMinutes/,
    )
    expect(() =>
      parseSourcesFile({
        sources: [
          { id: 'dup', kind: 'lever' },
          { id: 'dup', kind: 'greenhouse' },
        ],
      }),
    ).toThrow(/'dup' appears twice/)
  })
})
