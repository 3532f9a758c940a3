import { describe, expect, it } from 'vitest'
import { extractAd } from './index.ts'

const ad = (text: string, extra = {}) => extractAd({ id: 'f', text, ...extra })

describe('facets', () => {
  it('reads company, title and location from an HN header', () => {
    const e = ad('Stowga | Full-Stack Rails Developer | London, UK | ONSITE | £40-60k\nWe build warehouses.')
    expect(e).toMatchObject({
      company: 'Stowga',
      title: 'Full-Stack Rails Developer',
      country: 'GB',
      work_mode: 'onsite',
    })
    expect(e.role_family).toBe('fullstack')
  })
  it('work mode and region limits', () => {
    expect(ad('Acme | Senior Backend Engineer | Remote (US only) | Full-time')).toMatchObject({
      work_mode: 'remote',
      remote_region: 'US',
      seniority: 'senior',
      employment_type: 'permanent',
      role_family: 'backend',
    })
    expect(ad('Acme | Data Engineer | Hybrid, Berlin').work_mode).toBe('hybrid')
    expect(ad('Acme | Engineer | Austin, TX | no remote').work_mode).toBe('onsite')
  })
  it('country from the source location field', () => {
    expect(ad('text', { title: 'Engineer', company: 'X', location: 'Toronto, ON' }).country).toBe('CA')
    expect(ad('text', { title: 'Engineer', company: 'X', location: 'NYC or London' }).country).toBeNull()
  })
  it('seniority, employment type, visa, industries', () => {
    expect(ad('Acme | Software Engineering Intern | Boston').seniority).toBe('intern')
    expect(ad('Acme | Staff Engineer | Remote | Contract').employment_type).toBe('contract')
    expect(ad('Acme | iOS Engineer | SF\nWe offer visa sponsorship.').visa_sponsorship).toBe(true)
    expect(ad('Acme | iOS Engineer | SF\nWe cannot sponsor visas.').visa_sponsorship).toBe(false)
    expect(ad('Acme | Engineer | NYC\nA fintech startup building payments for banks.').industries).toContain(
      'fintech',
    )
  })
})
