import { SOURCE_ATTRIBUTION } from '@stackradar/core/attribution'
import { describe, expect, it } from 'vitest'
import { getSourceModule, isSourceKind, sourceKinds, sourceModules } from './registry.ts'

describe('source registry', () => {
  it('files every module under its own kind', () => {
    for (const kind of sourceKinds) expect(sourceModules[kind].kind).toBe(kind)
    expect(sourceKinds).toEqual([
      'greenhouse',
      'lever',
      'ashby',
      'remoteok',
      'remotive',
      'weworkremotely',
      'himalayas',
      'jobicy',
      'jsonld',
    ])
  })

  it('looks modules up by kind; unknown kinds give undefined', () => {
    expect(getSourceModule('lever')).toBe(sourceModules.lever)
    expect(isSourceKind('toString')).toBe(false)
    expect(getSourceModule('monster')).toBeUndefined()
    expect(getSourceModule('constructor')).toBeUndefined()
  })

  it('validates configs with each module schema', () => {
    expect(sourceModules.greenhouse.configSchema.parse({ board: 'gitlab' })).toEqual({ board: 'gitlab' })
    expect(() => sourceModules.greenhouse.configSchema.parse({})).toThrow()
    expect(() => sourceModules.jsonld.configSchema.parse({ url: 'not a url' })).toThrow()
    expect(sourceModules.remoteok.configSchema.parse({})).toEqual({})
  })

  it('carries the attribution the boards ask for', () => {
    expect(SOURCE_ATTRIBUTION[sourceModules.remoteok.kind]).toBe('Jobs from Remote OK (https://remoteok.com)')
    expect(SOURCE_ATTRIBUTION[sourceModules.jobicy.kind]).toBe('Jobs from Jobicy (https://jobicy.com)')
  })
})
