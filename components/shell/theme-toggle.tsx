'use client';

import { useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import { applyTheme, readAppliedTheme, subscribeToTheme, type Theme } from '@/lib/client/theme';

// The server cannot know the theme; null renders a neutral label until hydration.
const getServerTheme = (): Theme | null => null;

/** Switches between light and dark and remembers the choice; the system decides until then. */
export function ThemeToggle() {
  const t = useTranslations('ThemeToggle');
  const theme = useSyncExternalStore(subscribeToTheme, readAppliedTheme, getServerTheme);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const label = theme === null ? t('switchTheme') : t('switchTo', { theme: next });

  return (
    <button
      type="button"
      onClick={() => applyTheme(next, true)}
      aria-label={label}
      title={label}
      className="rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>{' '}
      {theme === 'dark' ? t('light') : t('dark')}
    </button>
  );
}
