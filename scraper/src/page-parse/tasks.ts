// What the page-parse worker can be asked: the pure page parsers of the sources, by name.
import { parseThreadPage } from '../sources/hn/parse-thread-page.ts'
import type { ThreadPage, ThreadPageContext } from '../sources/hn/types.ts'
import { readCareersPage, type CareersPage } from '../sources/jsonld/parse.ts'

export type ParseTask =
  | { kind: 'hn-thread-page'; html: string; ctx: ThreadPageContext }
  | {
      kind: 'careers-page'
      html: string
      pageUrl: string
      options: { links?: boolean; adLinkSelector?: string }
    }

export interface ParseResults {
  'hn-thread-page': ThreadPage
  'careers-page': CareersPage
}

export type ParseTaskOf<K extends ParseTask['kind']> = Extract<ParseTask, { kind: K }>

export function runParseTask(task: ParseTask): ParseResults[ParseTask['kind']] {
  switch (task.kind) {
    case 'hn-thread-page':
      return parseThreadPage(task.html, task.ctx)
    case 'careers-page':
      return readCareersPage(task.html, task.pageUrl, task.options)
  }
}
