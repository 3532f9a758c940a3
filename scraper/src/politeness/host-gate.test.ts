import { describe, expect, it, vi } from 'vitest'
import { HostGate } from './host-gate.ts'

describe('HostGate', () => {
  it('runs one request at a time per host and keeps the minimum delay between starts', async () => {
    const gate = new HostGate(40)
    const starts: number[] = []
    let running = 0
    let maxRunning = 0
    const job = () =>
      gate.run('http://a.example/x', async () => {
        running++
        maxRunning = Math.max(maxRunning, running)
        starts.push(Date.now())
        await new Promise((r) => setTimeout(r, 5))
        running--
      })
    await Promise.all([job(), job(), job()])
    expect(maxRunning).toBe(1)
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(35)
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(35)
  })

  it('does not hold up other hosts', async () => {
    vi.useFakeTimers()
    try {
      const gate = new HostGate(10_000)
      await gate.run('http://a.example/', async () => undefined)
      let bStarted = false
      const b = gate.run('http://b.example/', async () => void (bStarted = true))
      await vi.advanceTimersByTimeAsync(0) // no gate time passes: b must not wait for a's turn
      expect(bStarted).toBe(true)
      await b
    } finally {
      vi.useRealTimers()
    }
  })

  it('releases the host when the request throws', async () => {
    const gate = new HostGate(0)
    await expect(
      gate.run('http://a.example/', async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom')
    await expect(gate.run('http://a.example/', async () => 'ok')).resolves.toBe('ok')
  })
})
