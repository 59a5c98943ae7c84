'use client';

import { useTranslations } from 'next-intl';

import { useAttempts } from '@/lib/client/evictions';
import { outcomeWords } from '@/lib/client/evictions-words';
import type { AttemptView } from '@/lib/domain/eviction-attempts';

import { Age } from '../ui/age';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';

type AttemptsT = ReturnType<typeof useTranslations<'Pod.attempts'>>;

/** " (dry run, grace 5 s, keep retrying)", or "" without options. */
function optionWords(attempt: AttemptView, t: AttemptsT): string {
  const { dryRun, gracePeriodSeconds, retry } = attempt.options;
  const words = [
    dryRun ? t('dryRun') : null,
    gracePeriodSeconds === null ? null : t('grace', { seconds: String(gracePeriodSeconds) }),
    retry ? t('keepRetrying') : null,
  ].filter((w) => w !== null);
  return words.length === 0 ? '' : t('options', { options: words.join(t('separator')) });
}

function Attempt({ attempt }: { attempt: AttemptView }) {
  const t = useTranslations('Pod.attempts');
  const evictT = useTranslations('EvictWords');
  const words =
    attempt.outcome === null
      ? null
      : outcomeWords(
          {
            outcome: attempt.outcome,
            message: attempt.message ?? '',
            attemptId: attempt.id,
            ...(attempt.budget === null ? {} : { budget: attempt.budget.name }),
          },
          evictT,
        );
  const time = Date.parse(attempt.time);
  const message = attempt.message === null ? null : (words?.message ?? attempt.message);
  return (
    <li className="space-y-0.5 border-b border-zinc-100 py-2 text-sm dark:border-zinc-800">
      <p className="flex flex-wrap items-center gap-2">
        <StatusBadge tone={words?.tone ?? 'inactive'} label={words?.headline ?? t('noAnswer')} />
        <span>
          {t.rich('by', {
            action: attempt.action === 'delete' ? t('delete') : t('evict'),
            options: optionWords(attempt, t),
            who: attempt.who,
            age: () => (Number.isNaN(time) ? attempt.time : <Age since={time} />),
          })}
          {attempt.clusterCode === null ? '' : ` · HTTP ${attempt.clusterCode}`}
        </span>
      </p>
      {message === null ? null : <p>{message}</p>}
    </li>
  );
}

/** The pod's recorded attempts (evictions and deletes), newest first. */
export function PodAttempts({
  cluster,
  namespace,
  pod,
}: {
  cluster: string;
  namespace: string;
  pod: string;
}) {
  const t = useTranslations('Pod.attempts');
  const attempts = useAttempts(cluster, namespace, pod);
  if (attempts.isPending) return <Notice tone="progress" title={t('loading')} />;
  if (attempts.isError) {
    return (
      <Notice tone="failed" title={t('notLoaded')}>
        {attempts.error.message}
      </Notice>
    );
  }
  if (attempts.data.length === 0) {
    return <p className="text-sm">{t('none')}</p>;
  }
  return (
    <ul aria-label={t('label')} className="space-y-0">
      {attempts.data.map((a) => (
        <Attempt key={a.id} attempt={a} />
      ))}
    </ul>
  );
}
