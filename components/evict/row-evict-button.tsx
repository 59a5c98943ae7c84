'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';

import type { PodView } from '@/lib/domain/views';

import { useActionAccess } from './access-note';

/**
 * A table row's Evict button, named "Evict {namespace}/{pod}". Disabled when the access check
 * says the user may not evict in the pod's namespace; the missing permission is its
 * description (and its tooltip), as the row has no room for the sentence.
 */
export function RowEvictButton({
  cluster,
  pod,
  onEvict,
}: {
  cluster: string;
  pod: PodView;
  onEvict: (pod: PodView) => void;
}) {
  const t = useTranslations('Evict');
  const access = useActionAccess(cluster, pod.namespace, 'evict');
  const noteId = useId();
  const isDenied = !access.isAllowed;
  return (
    <>
      <button
        type="button"
        aria-label={t('rowEvict', { ref: `${pod.namespace}/${pod.name}` })}
        aria-describedby={isDenied ? noteId : undefined}
        title={isDenied ? (access.note ?? undefined) : undefined}
        disabled={isDenied}
        onClick={() => onEvict(pod)}
        className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t('evict')}
      </button>
      {isDenied ? (
        <span id={noteId} className="sr-only">
          {access.note}
        </span>
      ) : null}
    </>
  );
}
