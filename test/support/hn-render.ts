// Renders Hacker News pages in today's markup (commtext, indent="0", age title timestamps) for
// the fixture web server. Only the parts a thread page really has that parsers look at.

export interface RenderedComment {
  id: string
  author: string
  time: Date
  /** Comment HTML as HN serves it (<p> paragraphs, entity-escaped text, <a> links). */
  html: string
  indent?: number
  deleted?: boolean
  flagged?: boolean
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

export function hiringTitle(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return `Ask HN: Who is hiring? (${MONTHS[m! - 1]} ${y})`
}

function age(t: Date): string {
  const iso = t.toISOString().slice(0, 19)
  return `<span class="age" title="${iso} ${Math.floor(t.getTime() / 1000)}"><a href="item?id=0">on ${t.toDateString().slice(4)}</a></span>`
}

function commentRow(c: RenderedComment): string {
  const indent = c.indent ?? 0
  const body = c.deleted
    ? '<div class="comment"><span class="commtext">[deleted]</span></div>'
    : c.flagged
      ? '<div class="comment"><span class="commtext">[flagged]</span></div>'
      : `<div class="comment"><div class="commtext c00">${c.html}</div><div class="reply"><p><font size="1"><u><a href="reply?id=${c.id}&amp;goto=item%3Fid%3D${c.id}">reply</a></u></font></p></div></div>`
  return `<tr class="athing comtr" id="${c.id}"><td><table border="0"><tr><td class="ind" indent="${indent}"><img src="s.gif" height="1" width="${indent * 40}"></td><td valign="top" class="votelinks"><center><a id="up_${c.id}" href="vote?id=${c.id}&amp;how=up&amp;goto=item"><div class="votearrow" title="upvote"></div></a></center></td><td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead"><a href="user?id=${c.author}" class="hnuser">${c.author}</a> ${age(c.time)} <span id="unv_${c.id}"></span><span class="navs"> | <a href="#${c.id}" class="clicky">next</a></span></span></div><br>${body}</td></tr></table></td></tr>`
}

export function renderThreadPage(opts: {
  threadId: string
  month: string
  createdAt: Date
  comments: RenderedComment[]
  nextPage?: number
}): string {
  const title = hiringTitle(opts.month)
  const more = opts.nextPage
    ? `<tr><td><a href="item?id=${opts.threadId}&amp;p=${opts.nextPage}" class="morelink" rel="next">More</a></td></tr>`
    : ''
  return `<html lang="en" op="item"><head><meta name="referrer" content="origin"><title>${title} | Hacker News</title></head><body><center><table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%">
<tr><td><table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b></span></td></tr></table></td></tr>
<tr id="bigbox"><td><table class="fatitem" border="0"><tr class="athing submission" id="${opts.threadId}"><td class="title"><span class="titleline"><a href="item?id=${opts.threadId}">${title}</a></span></td></tr>
<tr><td colspan="2"></td><td class="subtext"><span class="subline"><span class="score" id="score_${opts.threadId}">412 points</span> by <a href="user?id=whoishiring" class="hnuser">whoishiring</a> ${age(opts.createdAt)} | <a href="item?id=${opts.threadId}">${opts.comments.length}&nbsp;comments</a></span></td></tr>
<tr><td colspan="2"></td><td><div class="toptext">Please state the location and include REMOTE for remote work.</div></td></tr></table><br>
<table border="0" class="comment-tree">
${opts.comments.map(commentRow).join('\n')}
</table>
${more}</td></tr></table></center></body></html>`
}

/** Body of Algolia's search_by_date for whoishiring stories. */
export function renderStorySearch(
  stories: { id: string; title: string; createdAt: Date }[],
  page: number,
  hitsPerPage: number,
): unknown {
  const hits = stories.slice(page * hitsPerPage, (page + 1) * hitsPerPage).map((s) => ({
    objectID: s.id,
    title: s.title,
    author: 'whoishiring',
    created_at: s.createdAt.toISOString(),
    created_at_i: Math.floor(s.createdAt.getTime() / 1000),
    num_comments: 0,
    _tags: ['story', 'author_whoishiring', `story_${s.id}`],
  }))
  return { hits, nbHits: stories.length, page, nbPages: Math.ceil(stories.length / hitsPerPage), hitsPerPage }
}

/** Body of Algolia's /api/v1/items/<thread id>: the story with nested comments. */
export function renderAlgoliaItem(opts: {
  threadId: string
  month: string
  createdAt: Date
  comments: RenderedComment[]
}): unknown {
  const at = (t: Date) => ({ created_at: t.toISOString(), created_at_i: Math.floor(t.getTime() / 1000) })
  const top = opts.comments.filter((c) => (c.indent ?? 0) === 0)
  return {
    id: Number(opts.threadId),
    type: 'story',
    author: 'whoishiring',
    title: hiringTitle(opts.month),
    text: 'Please state the location and include REMOTE for remote work.',
    ...at(opts.createdAt),
    children: top.map((c) => ({
      id: Number(c.id),
      type: 'comment',
      author: c.deleted ? null : c.author,
      text: c.deleted ? null : c.flagged ? '[flagged]' : c.html,
      parent_id: Number(opts.threadId),
      story_id: Number(opts.threadId),
      ...at(c.time),
      children: [],
    })),
  }
}
