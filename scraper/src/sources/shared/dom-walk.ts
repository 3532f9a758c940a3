// Small hand-rolled DOM walks over cheerio's (domhandler) tree. A CSS query walks the whole 3–4 MB page
// each time; these walks visit each node once and stop descending where the caller says so.
import type { AnyNode, Element } from 'domhandler'

export function hasClass(el: Element, name: string): boolean {
  const value = el.attribs.class
  return value !== undefined && value.split(/\s+/).includes(name)
}

/** First descendant element (document order) that passes `test`. */
export function findDescendant(root: Element, test: (el: Element) => boolean): Element | null {
  let found: Element | null = null
  walkElements(root, (el) => {
    if (!test(el)) return 'descend'
    found = el
    return 'stop'
  })
  return found
}

/**
 * Visits the descendant elements of `root` in document order. The visitor returns 'skip' to leave an
 * element's subtree unvisited, 'stop' to end the walk.
 */
export function walkElements(
  root: { children: AnyNode[] },
  visit: (el: Element) => 'descend' | 'skip' | 'stop',
): void {
  const stack: Element[] = []
  pushChildElements(stack, root)
  while (stack.length > 0) {
    const el = stack.pop() as Element
    const next = visit(el)
    if (next === 'stop') return
    if (next === 'descend') pushChildElements(stack, el)
  }
}

// Children pushed in reverse so that popping visits them in document order.
function pushChildElements(stack: Element[], parent: { children: AnyNode[] }): void {
  for (let i = parent.children.length - 1; i >= 0; i--) {
    const child = parent.children[i] as AnyNode
    if ('attribs' in child) stack.push(child)
  }
}
