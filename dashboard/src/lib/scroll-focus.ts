// Svelte action for a box that may scroll sideways (a wide table on a phone): while its content is
// wider than the box, the box is a labelled, focusable region, so keyboard users can scroll it
// (axe: scrollable-region-focusable); when everything fits it is no tab stop at all.
// Usage: <div class="table-wrap" use:scrollFocus><table><caption>…</caption>…</table></div>
import type { Action } from 'svelte/action'

export const scrollFocus: Action<HTMLElement> = (el) => {
  const update = () => {
    if (el.scrollWidth > el.clientWidth + 1) {
      el.tabIndex = 0
      el.setAttribute('role', 'region')
      const caption = el.querySelector('caption')?.textContent?.trim()
      el.setAttribute('aria-label', caption ? `${caption} (scrolls sideways)` : 'Table (scrolls sideways)')
    } else if (el.hasAttribute('tabindex')) {
      el.removeAttribute('tabindex')
      el.removeAttribute('role')
      el.removeAttribute('aria-label')
    }
  }
  const observer = new ResizeObserver(update)
  observer.observe(el)
  if (el.firstElementChild) observer.observe(el.firstElementChild)
  update()
  return { destroy: () => observer.disconnect() }
}
