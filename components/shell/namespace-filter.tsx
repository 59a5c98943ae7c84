'use client';

import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type ChangeEvent } from 'react';

import { useReplaceParams } from '@/lib/client/use-replace-params';

const inputClass =
  'w-48 rounded-md border border-zinc-300 bg-white px-2 py-1 placeholder:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-950';

/** The namespace filter lives in the URL (`?namespace=`) so a shared link shows the same scope. */
export function NamespaceFilter() {
  const t = useTranslations('NamespaceFilter');
  const searchParams = useSearchParams();
  const replaceParams = useReplaceParams();
  const [value, setValue] = useState(() => searchParams.get('namespace') ?? '');

  // In place, without a server round trip per keystroke: every view reads the URL.
  function onChange(event: ChangeEvent<HTMLInputElement>) {
    setValue(event.target.value);
    replaceParams({ namespace: event.target.value.trim() });
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="namespace-filter" className="font-medium">
        {t('label')}
      </label>
      <input
        id="namespace-filter"
        type="search"
        value={value}
        onChange={onChange}
        placeholder={t('placeholder')}
        autoComplete="off"
        spellCheck={false}
        className={inputClass}
      />
    </div>
  );
}

export function NamespaceFilterFallback() {
  const t = useTranslations('NamespaceFilter');
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="namespace-filter" className="font-medium">
        {t('label')}
      </label>
      <input
        id="namespace-filter"
        type="search"
        disabled
        placeholder={t('placeholder')}
        className={inputClass}
      />
    </div>
  );
}
