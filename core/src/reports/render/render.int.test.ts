// The renderers on one document: HTML escapes every text from the spec and loads nothing from the
// network; the PDF (real Chromium) has the pages and the text, read back with pdftotext; CSV files
// parse back to the document's numbers and the zip holds the same files; JSON round-trips, so a
// stored run re-renders exactly the same page.
import { parse } from 'csv-parse/sync'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readPdf, sampleDocument } from '../test-support.ts'
import { renderReportCsvFiles, renderReportCsvZip } from './csv.ts'
import { renderReportHtml } from './html.ts'
import { parseReportDocument, renderReportJson } from './json.ts'
import { createPdfPrinter, renderReportPdf } from './pdf.ts'

const HOSTILE = '<script>alert("x")</script> & <img src=http://evil.test/x.png>'
const doc = sampleDocument({ audience: HOSTILE, title: 'Weekly <b>report</b>' })
const normalise = (s: string) => s.replace(/\s+/g, ' ')

describe('HTML', () => {
  it('escapes every text from the spec and references nothing outside the page', () => {
    const html = renderReportHtml(doc, { link: 'https://r.example/s/a?b=1&c="2"' })
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>report')
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=http://evil.test/x.png&gt;',
    )
    expect(html).toContain('https://r.example/s/a?b=1&amp;c=&quot;2&quot;')
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/)
  })

  it('shows the headline numbers, every summary sentence and every top skill', () => {
    const html = renderReportHtml(doc)
    for (const s of doc.summary) expect(html).toContain(s.text.replace('&', '&amp;'))
    for (const r of doc.topSkills) expect(html).toContain(`>${r.name}<`)
    expect(html).toContain('>2,400<')
    expect(html).toContain('>$128,000<')
  })
})

describe('PDF', () => {
  it('prints the page through Chromium: pages, cover, tables and the hostile text as text', async () => {
    const pdf = await renderReportPdf(renderReportHtml(doc), { footerText: 'Weekly <b>report</b>' })
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
    const { pages, text } = readPdf(pdf)
    expect(pages).toBeGreaterThanOrEqual(3)
    const flat = normalise(text)
    expect(flat).toContain(`Prepared for ${HOSTILE}`)
    expect(flat).toContain('Weekly <b>report</b>')
    expect(flat).toMatch(/1 AWS Cloud 700 29\.2%/)
    expect(flat).toContain(`page 1 of ${pages}`)
    for (const s of doc.summary) expect(flat).toContain(normalise(s.text))
  }, 120_000)

  it('one printer prints several reports; a missing browser is a clear error', async () => {
    const printer = await createPdfPrinter()
    try {
      const a = await printer.print(renderReportHtml(sampleDocument({ title: 'First' })))
      const b = await printer.print(renderReportHtml(sampleDocument({ title: 'Second' })))
      expect(normalise(readPdf(a).text)).toContain('First')
      expect(normalise(readPdf(b).text)).toContain('Second')
    } finally {
      await printer.close()
    }
    await expect(renderReportPdf('<p>x</p>', { executablePath: '/nonexistent/chromium' })).rejects.toThrow(
      /cannot start Chromium at \/nonexistent\/chromium .*CHROMIUM_PATH/,
    )
  }, 120_000)
})

describe('CSV and JSON', () => {
  it('one CSV per table, parsing back to the document, and the same files in the zip', () => {
    const files = renderReportCsvFiles(doc)
    expect(files.map((f) => f.name)).toEqual([
      'summary.csv',
      'headline.csv',
      'top-skills.csv',
      'risers.csv',
      'fallers.csv',
      'new-skills.csv',
      'salaries.csv',
      'work-mode.csv',
      'trend.csv',
      'samples.csv',
      'coverage.csv',
      'warnings.csv',
      'sources.csv',
    ])
    const table = (name: string) =>
      parse(files.find((f) => f.name === name)!.content, { columns: true }) as Record<string, string>[]
    const top = table('top-skills.csv')
    expect(top.map((r) => r.key)).toEqual(doc.topSkills.map((r) => r.key))
    top.forEach((r, i) => {
      const want = doc.topSkills[i]!
      expect(Number(r.ads)).toBe(want.ads)
      expect(Number(r.share)).toBe(want.share)
      expect(Number(r.changePoints)).toBe(want.changePoints)
      expect(r.significant).toBe(String(want.significant))
    })
    expect(table('summary.csv').map((r) => r.text)).toEqual(doc.summary.map((s) => s.text))
    expect(table('sources.csv')[0]).toMatchObject({ key: 'hn', ads: '2400' })

    const unzipped = unzipSync(renderReportCsvZip(doc))
    expect(Object.keys(unzipped).sort()).toEqual(files.map((f) => f.name).sort())
    for (const f of files) expect(strFromU8(unzipped[f.name]!)).toBe(f.content)
    expect(Buffer.compare(Buffer.from(renderReportCsvZip(doc)), Buffer.from(renderReportCsvZip(doc)))).toBe(0)
  })

  it('JSON round-trips and re-renders the same page; a damaged document is refused', () => {
    const stored = renderReportJson(doc)
    const back = parseReportDocument(stored)
    expect(back).toEqual(doc)
    expect(renderReportHtml(back)).toBe(renderReportHtml(doc))
    const broken = JSON.parse(stored)
    broken.topSkills[0].share = 'a lot'
    expect(() => parseReportDocument(broken)).toThrow(/^not a report document: topSkills\.0\.share: /)
  })
})
