// The report's HTML printed to PDF by Chromium through Playwright (playwright-core drives the
// system browser: CHROMIUM_PATH, default /usr/bin/chromium). The page is self-contained, so every
// network request is refused: a report never fetches anything while it prints. One browser can
// print many reports (createPdfPrinter); renderReportPdf launches and closes one for a single call.
import { chromium, type Browser } from 'playwright-core'

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

export interface PdfOptions {
  /** Chromium binary; default CHROMIUM_PATH from the environment, else /usr/bin/chromium. */
  executablePath?: string
  /** Printed small at the foot of every page with the page number. */
  footerText?: string
  timeoutMs?: number
}

export interface PdfPrinter {
  print(html: string, opts?: Pick<PdfOptions, 'footerText' | 'timeoutMs'>): Promise<Uint8Array>
  close(): Promise<void>
}

const escapeFooter = (t: string) =>
  t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export async function createPdfPrinter(opts: Pick<PdfOptions, 'executablePath'> = {}): Promise<PdfPrinter> {
  const executablePath = opts.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH
  let browser: Browser
  try {
    browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS, headless: true })
  } catch (err) {
    throw new Error(
      `cannot start Chromium at ${executablePath} for the PDF (install it with apt-get install chromium, or set CHROMIUM_PATH): ${(err as Error).message.split('\n')[0]}`,
    )
  }
  return {
    async print(html, printOpts = {}) {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
      try {
        await context.route('**/*', (route) => route.abort())
        const page = await context.newPage()
        const timeout = printOpts.timeoutMs ?? 60_000
        page.setDefaultTimeout(timeout)
        await page.setContent(html, { waitUntil: 'load', timeout })
        const footer = escapeFooter(printOpts.footerText ?? '')
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: `<div style="width:100%;font-size:7pt;color:#667085;padding:0 14mm;display:flex;justify-content:space-between;font-family:'Liberation Sans',Arial,sans-serif"><span>${footer}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
        })
        return new Uint8Array(pdf)
      } finally {
        await context.close()
      }
    },
    close: () => browser.close(),
  }
}

/** One PDF with a browser of its own (launched and closed here). */
export async function renderReportPdf(html: string, opts: PdfOptions = {}): Promise<Uint8Array> {
  const printer = await createPdfPrinter(opts)
  try {
    return await printer.print(html, opts)
  } finally {
    await printer.close()
  }
}
