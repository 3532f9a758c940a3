import { describe, expect, it } from 'vitest'
import { HostDownError } from '../http/host-unavailable.ts'
import { CircuitBreaker, MemoryBreakerStore } from './circuit-breaker.ts'

const URL_A = 'http://a.example/jobs/1'
const URL_A2 = 'http://a.example/jobs/2'

function breakerAt(clock: { now: number }, store = new MemoryBreakerStore()) {
  return new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, store, now: () => clock.now })
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures and refuses the host with the reason until the cool-down', async () => {
    const clock = { now: 0 }
    const breaker = breakerAt(clock)
    await breaker.record(URL_A, 'timed out')
    await breaker.record(URL_A, null) // an answer in between resets the count
    await breaker.record(URL_A, 'timed out')
    await breaker.record(URL_A2, 'HTTP 503')
    await expect(breaker.assertUp(URL_A)).resolves.toBe(false)
    await breaker.record(URL_A, 'timed out after 200 ms')
    const refused = breaker.assertUp(URL_A)
    await expect(refused).rejects.toBeInstanceOf(HostDownError)
    await expect(breaker.assertUp(URL_A)).rejects.toThrow(
      /host a\.example treated as down until 1970-01-01T00:00:01\.000Z after 3 consecutive failures \(last: timed out after 200 ms\)/,
    )
    // Other hosts are not affected.
    await expect(breaker.assertUp('http://b.example/')).resolves.toBe(false)
  })

  it('does not open on one URL that keeps failing: that page is broken, not the host', async () => {
    const breaker = breakerAt({ now: 0 })
    for (let i = 0; i < 10; i++) await breaker.record(URL_A, 'HTTP 500')
    await expect(breaker.assertUp('http://a.example/other')).resolves.toBe(false)
    await breaker.record(URL_A2, 'HTTP 500')
    await expect(breaker.assertUp('http://a.example/other')).rejects.toBeInstanceOf(HostDownError)
  })

  it('lets one trial through after the cool-down: success closes, failure re-opens', async () => {
    const clock = { now: 0 }
    const breaker = breakerAt(clock)
    for (let i = 0; i < 3; i++) await breaker.record(i ? URL_A : URL_A2, 'timed out')
    clock.now = 1000
    await expect(breaker.assertUp(URL_A)).resolves.toBe(true) // the trial
    await expect(breaker.assertUp(URL_A)).rejects.toBeInstanceOf(HostDownError) // others wait for it
    await breaker.record(URL_A, 'timed out') // trial failed: open for another cool-down
    clock.now = 1500
    await expect(breaker.assertUp(URL_A)).rejects.toThrow(/until 1970-01-01T00:00:02\.000Z/)
    clock.now = 2000
    await expect(breaker.assertUp(URL_A)).resolves.toBe(true)
    await expect(breaker.assertStillUp(URL_A)).rejects.toBeInstanceOf(HostDownError) // not the trial's holder
    await breaker.record(URL_A, null) // trial answered: closed
    await expect(breaker.assertUp(URL_A)).resolves.toBe(false)
    await expect(breaker.assertUp(URL_A)).resolves.toBe(false)
  })

  it('keeps its state in the store, so breakers sharing a store share the host state', async () => {
    const clock = { now: 0 }
    const store = new MemoryBreakerStore()
    const one = breakerAt(clock, store)
    const two = breakerAt(clock, store)
    for (let i = 0; i < 3; i++) await one.record(i ? URL_A : URL_A2, 'HTTP 502')
    await expect(two.assertUp(URL_A)).rejects.toBeInstanceOf(HostDownError)
    expect(await store.get('a.example')).toMatchObject({ failures: 3, openedAt: 0, reason: 'HTTP 502' })
  })
})
