'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';

import {
  evictionRequest,
  kubectlEviction,
  NO_OPTIONS,
  readGracePeriod,
  type EvictOptionsInput,
  type PodTarget,
} from '@/lib/client/evictions-request';
import type { EvictionRequest } from '@/lib/domain/eviction-outcome';

import { BUTTON_PRIMARY, FIELD } from './buttons';

/** The eviction's options (grace period, keep retrying) and the Evict button. */
export function EvictForm({
  uid,
  target,
  submitLabel,
  isAllowed,
  note,
  isSending,
  onSubmit,
}: {
  uid: string;
  /** The one pod evicted, for the kubectl equivalent; null for several. */
  target: PodTarget | null;
  submitLabel: string;
  isAllowed: boolean;
  /** Why Evict is disabled, or what is known of the permission. */
  note: string | null;
  isSending: boolean;
  onSubmit: (body: EvictionRequest) => void;
}) {
  const t = useTranslations('Evict.form');
  const words = useTranslations('EvictWords');
  const [options, setOptions] = useState<EvictOptionsInput>(NO_OPTIONS);
  const graceId = useId();
  const graceHelpId = useId();
  const noteId = useId();
  const grace = readGracePeriod(options.gracePeriod, words);
  const body = evictionRequest(uid, options);
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (body !== null && isAllowed) onSubmit(body);
      }}
    >
      <div className="flex flex-wrap items-start gap-6">
        <div className="flex flex-col gap-1">
          <label htmlFor={graceId} className="text-xs font-medium">
            {t('grace')}
          </label>
          <input
            id={graceId}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={options.gracePeriod}
            onChange={(e) => setOptions({ ...options, gracePeriod: e.target.value })}
            aria-invalid={!grace.ok}
            aria-describedby={graceHelpId}
            className={`${FIELD} w-40`}
          />
          <p
            id={graceHelpId}
            className={`text-xs ${grace.ok ? 'text-zinc-600 dark:text-zinc-400' : 'text-state-failed'}`}
          >
            {grace.ok ? t('graceHelp') : grace.problem}
          </p>
        </div>
        <label className="mt-5 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={options.keepRetrying}
            onChange={(e) => setOptions({ ...options, keepRetrying: e.target.checked })}
          />
          {t('keepRetrying')}
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          className={BUTTON_PRIMARY}
          disabled={!isAllowed || body === null || isSending}
          aria-describedby={note === null ? undefined : noteId}
        >
          {isSending ? t('evicting') : submitLabel}
        </button>
        {note === null ? null : (
          <p id={noteId} className="text-sm">
            {note}
          </p>
        )}
      </div>
      {target === null || body === null ? null : (
        <details className="text-sm">
          <summary className="cursor-pointer">{t('kubectl')}</summary>
          <pre className="mt-1 overflow-x-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 text-xs dark:border-zinc-800 dark:bg-zinc-900">
            {kubectlEviction(target, body)}
          </pre>
        </details>
      )}
    </form>
  );
}
