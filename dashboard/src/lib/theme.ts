// Light / dark theme: follows prefers-color-scheme until the user picks one with the toggle; the
// choice is kept in localStorage and applied before first paint by the script in app.html.
// Usage: currentTheme() → 'light' | 'dark'; setTheme('dark'); onThemeChange(cb) → unsubscribe.
export type Theme = 'light' | 'dark'
const KEY = 'stackradar-theme'
const EVENT = 'stackradar-theme'

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light'
}

export function currentTheme(): Theme {
  const set = document.documentElement.dataset.theme
  return set === 'light' || set === 'dark' ? set : systemTheme()
}

export function setTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
  try {
    localStorage.setItem(KEY, theme)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  dispatchEvent(new Event(EVENT))
}

/** Calls `cb` when the theme changes by the toggle or by the system setting. */
export function onThemeChange(cb: () => void): () => void {
  const media = matchMedia('(prefers-color-scheme: dark)')
  media.addEventListener('change', cb)
  addEventListener(EVENT, cb)
  return () => {
    media.removeEventListener('change', cb)
    removeEventListener(EVENT, cb)
  }
}

/** A CSS custom property's value on the root (chart colours follow the theme's tokens). */
export function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
  return value || fallback
}
