'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useParams, useSearchParams } from 'next/navigation';

import { outcomeWords, type ActionAnswer } from '@/lib/client/evictions-words';
import { readNamespace } from '@/lib/client/pod-query';

import { decodeParam, viewHref } from '../shell/views';
import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from '../ui/tone';

/**
 * For a `queued` answer: where the pending retry can be followed, the Retries view of the
 * URL's cluster (keeping its namespace filter, as the navigation does).
 */
function RetriesLink() {
  const t = useTranslations('Evict');
  const { cluster } = useParams<{ cluster?: string }>();
  const namespace = readNamespace(useSearchParams());
  if (cluster === undefined) return null;
  return (
    <p className="mt-1">
      <Link
        href={viewHref(decodeParam(cluster), 'retries', namespace ?? undefined)}
        className="font-medium text-blue-700 underline dark:text-blue-400"
      >
        {t('followRetry')}
      </Link>
    </p>
  );
}

/**
 * An action's result in words: the headline, the server's explanation and the cluster's own
 * message quoted. Announced when it appears (a status region; an alert when it failed).
 */
export function OutcomePanel({ answer, label }: { answer: ActionAnswer; label: string }) {
  const t = useTranslations('Evict');
  const wordsT = useTranslations('EvictWords');
  const words = outcomeWords(answer, wordsT);
  return (
    <div
      role={words.tone === 'failed' ? 'alert' : 'status'}
      aria-label={label}
      className={`rounded-md border px-4 py-3 text-sm ${TONE_SURFACE[words.tone]}`}
    >
      <p className="font-semibold">
        <span aria-hidden="true" className={`mr-1.5 ${TONE_TEXT[words.tone]}`}>
          {TONE_ICON[words.tone]}
        </span>
        {words.headline}
      </p>
      <p className="mt-1">{words.message}</p>
      {words.clusterSaid === null ? null : (
        <p className="mt-1">
          {t('clusterSaid')} <q className="font-mono text-xs">{words.clusterSaid}</q>
        </p>
      )}
      {answer.outcome === 'queued' ? <RetriesLink /> : null}
    </div>
  );
}
