'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';

import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales';

/** Remembers the language in the NEXT_LOCALE cookie (POST /api/locale); null when it worked. */
async function saveLocale(locale: Locale): Promise<string | null> {
  try {
    const response = await fetch('/api/locale', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale }),
    });
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Switches the interface language; the choice overrides the browser's and the page is
 * rendered again on the server in the new language, at the same URL.
 */
export function LanguageSwitcher() {
  const t = useTranslations('LanguageSwitcher');
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function onChange(value: string) {
    if (!isLocale(value)) return;
    startTransition(async () => {
      const problem = await saveLocale(value);
      setFailure(problem);
      if (problem === null) router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium">
        {t('label')}
      </label>
      <select
        id={id}
        value={locale}
        disabled={isPending}
        aria-describedby={`${id}-status`}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 disabled:opacity-70 dark:border-zinc-700 dark:bg-zinc-950"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <span id={`${id}-status`} role="status" className="text-zinc-600 dark:text-zinc-400">
        {isPending ? t('switching') : failure === null ? '' : t('failed', { reason: failure })}
      </span>
    </div>
  );
}
