import { describe, expect, it } from 'vitest'
import { fingerprintKey, minhash, similarity, SAME_JOB_SIMILARITY } from './fingerprint.ts'

const desc =
  'We are looking for a senior backend engineer to build our payments platform in Go and PostgreSQL. ' +
  'You will design APIs, own services end to end, and mentor engineers. We run on Kubernetes in AWS and ship daily.'

describe('fingerprint', () => {
  it('gives the same key for the same job written differently', () => {
    expect(fingerprintKey('Acme, Inc.', 'Senior Backend Engineer', 'Berlin, Germany')).toBe(
      fingerprintKey('ACME', 'Senior Backend Engineer ', 'berlin germany'),
    )
    expect(fingerprintKey('Acme', 'Senior Backend Engineer', 'Berlin')).not.toBe(
      fingerprintKey('Acme', 'Frontend Engineer', 'Berlin'),
    )
  })

  it('finds reformatted copies of a description similar and different jobs not', () => {
    const copy = `About the role:\n\n${desc.replace(/\. /g, '.\n- ')}\nApply now!`
    const other =
      'Join our design team to craft delightful mobile experiences in Swift and Kotlin for millions of users worldwide every day.'
    expect(similarity(minhash(desc), minhash(copy))).toBeGreaterThanOrEqual(SAME_JOB_SIMILARITY)
    expect(similarity(minhash(desc), minhash(other))).toBeLessThan(0.2)
    expect(minhash(desc)).toEqual(minhash(desc))
  })
})
