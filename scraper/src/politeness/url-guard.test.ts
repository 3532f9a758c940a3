import { describe, expect, it } from 'vitest'
import { FetchError } from '../http/fetch-error.ts'
import { assertPublicUrl, blockedReason, BlockedUrlError, parseIp, type LookupAll } from './url-guard.ts'

// A resolver answering from a fixed table, so no test depends on real DNS.
const table: Record<string, string[]> = {
  'jobs.example': ['93.184.216.34'],
  'internal.example': ['10.1.2.3'],
  'metadata.example': ['169.254.169.254'],
  'mixed.example': ['93.184.216.34', '192.168.1.10'],
  'v6local.example': ['fd12:3456::1'],
  'mapped.example': ['::ffff:127.0.0.1'],
}
const lookup: LookupAll = async (host) => {
  const addresses = table[host]
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
}

async function refusal(url: string, allowPrivate: string[] = []): Promise<FetchError> {
  try {
    await assertPublicUrl(url, { allowPrivate, lookup })
  } catch (error) {
    if (error instanceof FetchError) return error
    throw error
  }
  throw new Error(`expected ${url} to be refused`)
}

describe('assertPublicUrl', () => {
  it('lets public hosts and addresses through', async () => {
    await assertPublicUrl('https://jobs.example/board?page=2', { allowPrivate: [], lookup })
    await assertPublicUrl('http://8.8.8.8/', { allowPrivate: [], lookup })
    await assertPublicUrl('http://[2606:4700::1111]/', { allowPrivate: [], lookup })
  })

  it.each([
    ['http://127.0.0.1:8080/', /loopback/],
    ['http://[::1]/', /loopback/],
    ['http://2130706433/', /loopback/], // the WHATWG URL parser turns this into 127.0.0.1
    ['http://10.0.0.5/', /private network/],
    ['http://172.20.1.1/', /private network/],
    ['http://192.168.0.1/', /private network/],
    ['http://169.254.169.254/latest/meta-data/', /cloud metadata/],
    ['http://100.100.100.200/', /carrier-grade NAT/],
    ['http://0.0.0.0/', /this-network/],
    ['http://224.0.0.1/', /multicast/],
    ['http://[fd00::1]/', /unique-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[ff02::1]/', /multicast/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://[64:ff9b::a00:1]/', /private network/],
  ])('refuses %s', async (url, reason) => {
    const error = await refusal(url)
    expect(error).toBeInstanceOf(BlockedUrlError)
    expect(error).toMatchObject({ retryable: false, url })
    expect(error.message).toMatch(reason)
    expect(error.message).not.toMatch(/address address/)
  })

  it('refuses a name that resolves to a private address, even one of several', async () => {
    expect((await refusal('http://internal.example/')).message).toMatch(
      /internal\.example resolves to 10\.1\.2\.3 and is a private network address/,
    )
    expect((await refusal('http://metadata.example/')).message).toMatch(/169\.254\.169\.254/)
    expect((await refusal('http://mixed.example/')).message).toMatch(/192\.168\.1\.10/)
    expect((await refusal('http://v6local.example/')).message).toMatch(/unique-local/)
    expect((await refusal('http://mapped.example/')).message).toMatch(/loopback/)
  })

  it('allows what allowPrivate names: a hostname, an IP or a CIDR', async () => {
    await assertPublicUrl('http://127.0.0.1:3000/', { allowPrivate: ['127.0.0.1'], lookup })
    await assertPublicUrl('http://internal.example/', { allowPrivate: ['Internal.Example'], lookup })
    await assertPublicUrl('http://internal.example/', { allowPrivate: ['10.0.0.0/8'], lookup })
    await assertPublicUrl('http://[::1]/', { allowPrivate: ['::1'], lookup })
    expect((await refusal('http://127.0.0.2/', ['127.0.0.1'])).message).toMatch(/loopback/)
    expect((await refusal('http://172.16.0.1/', ['10.0.0.0/8'])).message).toMatch(/private/)
  })

  it('resolves real names with dns.lookup (localhost is loopback)', async () => {
    await expect(assertPublicUrl('http://localhost:1/', { allowPrivate: [] })).rejects.toThrow(/loopback/)
    await assertPublicUrl('http://localhost:1/', { allowPrivate: ['127.0.0.0/8', '::1'] })
  })

  it('refuses other schemes and garbage without a lookup', async () => {
    expect((await refusal('file:///etc/passwd')).message).toMatch(/only http and https/)
    expect((await refusal('ftp://jobs.example/')).message).toMatch(/only http and https/)
    expect((await refusal('not a url')).message).toMatch(/not a valid URL/)
  })

  it('reports a failed lookup as a retryable error', async () => {
    const error = await refusal('http://nowhere.example/')
    expect(error).not.toBeInstanceOf(BlockedUrlError)
    expect(error).toMatchObject({ retryable: true })
    expect(error.message).toMatch(/DNS lookup of nowhere\.example failed \(ENOTFOUND\)/)
  })
})

describe('address parsing', () => {
  it('parses IPv4, IPv6 with :: and embedded IPv4', () => {
    expect([...parseIp('192.168.1.2')!]).toEqual([192, 168, 1, 2])
    expect([...parseIp('::1')!]).toEqual([...new Array(15).fill(0), 1])
    expect([...parseIp('::ffff:10.0.0.1')!].slice(10)).toEqual([0xff, 0xff, 10, 0, 0, 1])
    expect([...parseIp('fe80::1%eth0')!].slice(0, 2)).toEqual([0xfe, 0x80])
    expect(parseIp('example.com')).toBeNull()
  })

  it('classifies boundaries of the private ranges', () => {
    expect(blockedReason(parseIp('172.15.255.255')!)).toBeNull()
    expect(blockedReason(parseIp('172.16.0.0')!)).toBe('private network')
    expect(blockedReason(parseIp('172.31.255.255')!)).toBe('private network')
    expect(blockedReason(parseIp('172.32.0.0')!)).toBeNull()
    expect(blockedReason(parseIp('100.63.255.255')!)).toBeNull()
    expect(blockedReason(parseIp('100.127.255.255')!)).toBe('carrier-grade NAT')
    expect(blockedReason(parseIp('fbff::1')!)).toBeNull()
    expect(blockedReason(parseIp('fc00::1')!)).toBe('unique-local')
  })
})
