// The written summary: every sentence traceable to the figures it cites, no sentence about a change
// that is not significant, and the "largest among" claims true of the document's own tables.
import { describe, expect, it } from 'vitest'
import { documentFromCounts, sampleDocument, traceabilityProblems } from '../test-support.ts'
import { renderReportHtml } from '../render/html.ts'
import { formatFigure, resolveFigure } from './figures.ts'
import { categoryPhrase } from './summary.ts'

describe('report summary', () => {
  it('writes sentences whose every number is a figure they cite', () => {
    const doc = sampleDocument()
    expect(doc.summary.length).toBeGreaterThanOrEqual(5)
    expect(traceabilityProblems(doc)).toEqual([])
    for (const s of doc.summary) expect(s.figures.length).toBeGreaterThan(0)
    const rise = doc.summary.find((s) => s.kind === 'rise')!
    const [points, share] = rise.figures
    expect(rise.text).toContain(`${formatFigure(doc, points!)} points to ${formatFigure(doc, share!)} of ads`)
  })

  it('the traceability check catches a number that no cited figure holds', () => {
    const doc = sampleDocument()
    const tampered = {
      ...doc,
      summary: doc.summary.map((s, i) => (i === 1 ? { ...s, text: s.text.replace(/\d+\.\d/, '99.9') } : s)),
    }
    expect(traceabilityProblems(tampered).join('\n')).toMatch(/99\.9/)
    const uncited = { ...doc, summary: doc.summary.map((s) => ({ ...s, figures: [] })) }
    expect(traceabilityProblems(uncited).length).toBe(doc.summary.length)
  })

  it('describes only significant changes', () => {
    const doc = sampleDocument()
    for (const s of doc.summary.filter((x) => x.kind === 'rise' || x.kind === 'fall')) {
      const [table, key] = s.figures[0]!.split('/')
      const row = (table === 'risers' ? doc.risers : doc.fallers).find((r) => r.key === key)!
      expect(row.significant).toBe(true)
      expect(row.q!).toBeLessThan(0.05)
    }
    // Some listed movers are not significant, and no sentence names them.
    const quiet = [...doc.risers, ...doc.fallers].filter((r) => !r.significant)
    expect(quiet.length).toBeGreaterThan(0)
    for (const r of quiet) expect(doc.summary.some((s) => s.text.startsWith(`${r.name} `))).toBe(false)
  })

  it('against a comparison window without ads: no change, no risers or fallers, dashes in the tables', () => {
    const doc = documentFromCounts(
      { total: 40, previousTotal: 0, skills: { go: [10, 0], java: [12, 0] }, remote: [14, 0] },
      { minCount: 2, skills: ['go', 'rust'] },
    )
    expect(doc.risers).toEqual([])
    expect(doc.fallers).toEqual([])
    expect(doc.warnings.map((w) => w.key)).toContain('no-comparison')
    expect(traceabilityProblems(doc)).toEqual([])
    expect(doc.summary.filter((s) => s.kind === 'rise' || s.kind === 'fall')).toEqual([])
    for (const key of ['go', 'java', 'rust']) {
      const row = doc.topSkills.find((r) => r.key === key)!
      expect(row, key).toMatchObject({ previousShare: null, changePoints: null })
    }
    const remote = doc.workMode.find((r) => r.key === 'remote')!
    expect(remote).toMatchObject({ previousShare: null, changePoints: null })
    expect(doc.headline.find((h) => h.key === 'remote')).toMatchObject({ previous: null, change: null })
    expect(doc.headline.find((h) => h.key === 'ads')).toMatchObject({
      previous: 0,
      change: null,
      p: null,
      significant: null,
    })
    const html = renderReportHtml(doc)
    expect(html).not.toMatch(/\+25(\.0)? /)
    expect(html).toContain('<td class="n muted">–</td>')
    expect(html).toContain('Nothing to compare: 2017-W09 holds no ads.')
    expect(html).not.toContain('was absent from')
  })

  it('a large change on a small sample gets no sentence; the same change on a large one does', () => {
    // 25% → 10% of 40 ads: 15 points, p ≈ 0.08.
    const small = documentFromCounts(
      { total: 40, previousTotal: 40, skills: { go: [10, 4], java: [12, 12] } },
      {
        minCount: 2,
      },
    )
    expect(small.risers[0]).toMatchObject({ key: 'go', significant: false })
    expect(small.risers[0]!.changePoints).toBeCloseTo(15, 6)
    expect(small.summary.filter((s) => s.kind === 'rise' || s.kind === 'fall')).toEqual([])
    expect(small.summary.find((s) => s.kind === 'volume')!.text).toBe(
      '40 ads matched the filters in 2017-W10 (40 in 2017-W09).',
    )
    expect(small.warnings.map((w) => w.key)).toContain('small-sample')

    const large = documentFromCounts({
      total: 4000,
      previousTotal: 4000,
      skills: { go: [1000, 400], java: [1200, 1200] },
    })
    expect(large.summary.find((s) => s.kind === 'rise')!.text).toBe(
      'Go rose 15.0 points to 25.0% of ads, the largest rise of any skill ranked.',
    )
    expect(traceabilityProblems(large)).toEqual([])
  })

  it('a "largest among" claim holds against every ranked skill of that category', () => {
    const doc = sampleDocument()
    const ranked = [...doc.topSkills, ...doc.risers, ...doc.fallers]
    for (const s of doc.summary.filter((x) => x.kind === 'rise' || x.kind === 'fall')) {
      const id = s.figures[0]!
      const row = [...doc.risers, ...doc.fallers].find((r) => id.endsWith(`/${r.key}/changePoints`))!
      const peers = s.text.includes('of any skill')
        ? ranked
        : ranked.filter((r) => r.category === row.category)
      const better = peers.filter((r) =>
        s.kind === 'rise' ? r.changePoints! > row.changePoints! : r.changePoints! < row.changePoints!,
      )
      expect(better).toEqual([])
    }
  })

  it('states the volume change only when the daily rate differs significantly', () => {
    const up = documentFromCounts({ total: 3000, previousTotal: 2000, skills: {} })
    expect(up.summary[0]!.text).toBe(
      '3,000 ads matched the filters in 2017-W10; the number per day was 50% higher than in 2017-W09 (2,000 ads).',
    )
    const flat = documentFromCounts({ total: 2010, previousTotal: 2000, skills: {} })
    expect(flat.summary[0]!.text).toBe('2,010 ads matched the filters in 2017-W10 (2,000 in 2017-W09).')
    expect(resolveFigure(flat, 'headline/ads/change')!.value).toBeCloseTo(0.005, 6)
  })

  it('names a salary leader only among cells that are not withheld', () => {
    const doc = sampleDocument()
    const salary = doc.summary.find((s) => s.kind === 'salary')!
    // Ruby's median is higher but rests on 6 salaries: withheld, never named.
    expect(salary.text).toBe(
      'Among the skills priced, Go had the highest median salary: $150,000 a year (permanent roles, n = 120).',
    )
    expect(doc.salaries.find((r) => r.key === 'ruby:permanent')).toMatchObject({
      withheld: true,
      median: null,
    })
  })

  it('names a top skill only when it leads alone, and words categories as a reader would', () => {
    const tie = documentFromCounts({
      total: 1000,
      previousTotal: 1000,
      skills: { go: [300, 300], java: [300, 300] },
    })
    expect(tie.topSkills.map((r) => r.rank)).toEqual([1, 1])
    expect(tie.summary.some((s) => s.kind === 'top')).toBe(false)
    expect(categoryPhrase('language', 'Languages')).toBe('languages')
    expect(categoryPhrase('cloud', 'Cloud')).toBe('cloud skills')
    expect(categoryPhrase('containers', 'Containers')).toBe('container skills')
    expect(categoryPhrase('api', 'APIs')).toBe('APIs')
    expect(sampleDocument().summary.map((s) => s.text)).toContain(
      'AWS rose 3.7 points to 29.2% of ads, the largest rise among cloud skills.',
    )
  })

  it('says nothing at all about an empty period', () => {
    const doc = documentFromCounts({ total: 0, previousTotal: 100, skills: {} })
    expect(doc.summary).toEqual([])
    expect(doc.warnings.map((w) => w.text)).toEqual(['No ads match the filters in 2017-W10.'])
  })
})
