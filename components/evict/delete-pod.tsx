'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';

import { useDeletePod } from '@/lib/client/evictions';
import { isDeleteConfirmed, type PodTarget } from '@/lib/client/evictions-request';

import { Notice } from '../ui/notice';
import { useActionAccess } from './access-note';
import { BUTTON_DANGER, FIELD } from './buttons';
import { OutcomePanel } from './outcome-panel';

/**
 * "Delete pod": a DELETE, not an eviction, so no budget is consulted. The last resort of the
 * Kubernetes docs for a stuck eviction; red, and sent only once the pod's name is typed.
 */
export function DeletePod({ target }: { target: PodTarget }) {
  const t = useTranslations('Evict.delete');
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const helpId = useId();
  const access = useActionAccess(target.cluster, target.namespace, 'delete');
  const remove = useDeletePod();
  const isConfirmed = isDeleteConfirmed(target.pod, typed);
  return (
    <section aria-label={t('name')} className="space-y-2 rounded-md border border-state-failed p-3">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (!isConfirmed || !access.isAllowed) return;
          remove.mutate({ target, body: { uid: target.uid, confirm: typed } });
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor={inputId} className="text-xs font-medium">
            {t('typeName')}
          </label>
          <input
            id={inputId}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={helpId}
            className={`${FIELD} w-72 font-mono`}
          />
        </div>
        <button
          type="submit"
          className={BUTTON_DANGER}
          disabled={!isConfirmed || !access.isAllowed || remove.isPending}
        >
          {remove.isPending ? t('deleting') : t('delete')}
        </button>
      </form>
      <p id={helpId} className="text-xs text-zinc-700 dark:text-zinc-300">
        {t.rich('bypasses', {
          pod: () => <span className="font-mono">{target.pod}</span>,
        })}
        {access.note === null ? '' : ` ${access.note}`}
      </p>
      {remove.isError ? (
        <Notice tone="failed" title={t('noAnswer')}>
          {remove.error.message}
        </Notice>
      ) : null}
      {remove.data === undefined ? null : <OutcomePanel answer={remove.data} label={t('result')} />}
    </section>
  );
}
