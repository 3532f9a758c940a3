import { describe, expect, it } from 'vitest'
import { ConnectionStateLog, DependencyUnavailableError, isConnectionError } from './dependency.ts'

describe('isConnectionError', () => {
  it('recognises refused and reset connections, also as a cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    expect(isConnectionError(refused)).toBe(true)
    expect(isConnectionError(new Error('insert failed', { cause: refused }))).toBe(true)
    expect(isConnectionError(new DependencyUnavailableError('redis', 'down'))).toBe(true)
    expect(isConnectionError(new Error('Syntax error: failed at position 1'))).toBe(false)
  })
})

describe('ConnectionStateLog', () => {
  it('logs once per change of state, however many attempts fail', () => {
    const lines: string[] = []
    const log = {
      warn: (_o: object, m: string) => lines.push(m),
      info: (_o: object, m: string) => lines.push(m),
    }
    const state = new ConnectionStateLog('redis', log)
    state.markUp()
    for (let i = 0; i < 100; i++) state.markDown(new Error('ECONNREFUSED'))
    state.markUp()
    state.markUp()
    expect(lines).toEqual([
      'redis unreachable; reconnecting with backoff (logged again when it is back)',
      'redis reachable again',
    ])
  })
})
