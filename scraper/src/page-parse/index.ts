// Parsing pages off the main thread (see pool.ts), as the sources and processors call it: a page the
// worker refuses (deadline, memory) comes back as refused with the reason, like one over a parse limit.
import type { ThreadPage, ThreadPageContext } from '../sources/hn/types.ts'
import type { CareersPage } from '../sources/jsonld/parse.ts'
import { PageRefusedError, sharedPageParser } from './pool.ts'

export { PageParserPool, PageRefusedError, sharedPageParser } from './pool.ts'

export async function parseCareersPageOffThread(
  html: string,
  pageUrl: string,
  options: { links?: boolean; adLinkSelector?: string } = {},
): Promise<CareersPage> {
  try {
    return await sharedPageParser().run({ kind: 'careers-page', html, pageUrl, options })
  } catch (error) {
    if (error instanceof PageRefusedError) return { ads: [], links: [], warnings: [], refused: error.message }
    throw error
  }
}

export async function parseThreadPageOffThread(html: string, ctx: ThreadPageContext): Promise<ThreadPage> {
  try {
    return await sharedPageParser().run({ kind: 'hn-thread-page', html, ctx })
  } catch (error) {
    if (!(error instanceof PageRefusedError)) throw error
    const stats = { commentRows: 0, topLevel: 0, skipped: { deleted: 0, flagged: 0, empty: 0 } }
    return {
      threadId: ctx.threadId,
      title: null,
      threadAge: null,
      ads: [],
      nextPageUrl: null,
      stats,
      warnings: [error.message],
      refused: error.message,
    }
  }
}
