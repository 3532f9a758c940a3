// waitForProgress fails on stuck work (a count of polls without progress), never on slow work;
// waitForPolls bounds a wait by a count of polls, not by elapsed time.
import { expect, it } from 'vitest'
import { waitForPolls, waitForProgress } from './wait.ts'

it('keeps waiting while the count rises, however many polls it takes', async () => {
  let n = 0
  const v = await waitForProgress(
    'n to reach 50',
    async () => ++n,
    (x) => x >= 50,
    (x) => x,
    {
      stallPolls: 3,
      everyMs: 0,
    },
  )
  expect(v).toBe(50)
})

it('fails after the given polls without progress, counting failed polls', async () => {
  let polls = 0
  const probe = async () => {
    polls++
    if (polls % 2 === 0) throw new Error('reconnecting')
    return Math.min(polls, 5)
  }
  await expect(
    waitForProgress(
      'never done',
      probe,
      () => false,
      (x) => x,
      { stallPolls: 4, everyMs: 0 },
    ),
  ).rejects.toThrow(
    /no progress in 4 polls waiting for never done; last value: 5; last error: Error: reconnecting/,
  )
  // Progress until 5 (polls 1, 3, 5), then four polls without it.
  expect(polls).toBe(9)
})

it('waits a count of polls for an event with no count to watch', async () => {
  let polls = 0
  const probe = async () => ++polls
  expect(await waitForPolls('the 7th poll', probe, (x) => x === 7, { polls: 10, everyMs: 0 })).toBe(7)
  polls = 0
  await expect(waitForPolls('never', probe, () => false, { polls: 10, everyMs: 0 })).rejects.toThrow(
    /in 10 polls waiting for never/,
  )
  // The first poll sets the mark; then ten without progress.
  expect(polls).toBe(11)
})
