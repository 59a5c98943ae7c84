/** The operator's explicit choice; absent means "follow the system". */
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'drainboard.theme';

/**
 * Runs inline in <head> before the first paint, so a stored or system dark theme never
 * flashes light. Kept dependency-free and tolerant of blocked localStorage.
 */
export const themeInitScript = `(function () {
  var theme;
  try { theme = localStorage.getItem('${THEME_STORAGE_KEY}'); } catch (e) {}
  if (theme !== 'light' && theme !== 'dark') {
    theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.dataset.theme = theme;
})();`;

export function readAppliedTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function readStoredTheme(): Theme | null {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : null;
  } catch {
    return null;
  }
}

export function applyTheme(theme: Theme, persist: boolean): void {
  document.documentElement.dataset.theme = theme;
  if (!persist) return;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage blocked (private mode, policy): the choice lasts for this page only.
  }
}

/** Calls back whenever the applied theme changes, from the toggle or the system. */
export function subscribeToTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributeFilter: ['data-theme'] });
  const media = matchMedia('(prefers-color-scheme: dark)');
  const followSystem = (event: MediaQueryListEvent) => {
    if (readStoredTheme() === null) applyTheme(event.matches ? 'dark' : 'light', false);
  };
  media.addEventListener('change', followSystem);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', followSystem);
  };
}
