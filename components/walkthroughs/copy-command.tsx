'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { BUTTON } from '../evict/buttons';

/** A ready-to-copy command, with a Copy button that says when it copied. */
export function CopyCommand({ line }: { line: string }) {
  const t = useTranslations('Walkthroughs');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <pre className="min-w-0 flex-1 overflow-x-auto rounded bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-900">
        <code>{line}</code>
      </pre>
      <button
        type="button"
        className={BUTTON}
        onClick={() => {
          setCopied(null);
          // The clipboard needs a secure context; over plain HTTP it may be missing.
          const copying = navigator.clipboard?.writeText(line) ?? Promise.reject(new Error());
          copying.then(
            () => setCopied('yes'),
            () => setCopied('no'),
          );
        }}
      >
        {t('copy')}
      </button>
      <span role="status" className="text-xs">
        {copied === null ? '' : copied === 'yes' ? t('copied') : t('notCopied')}
      </span>
    </div>
  );
}
