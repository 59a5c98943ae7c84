'use client';

import { useAttempts } from '@/lib/client/evictions';
import { outcomeWords } from '@/lib/client/evictions-words';
import type { AttemptView } from '@/lib/domain/eviction-attempts';

import { Age } from '../ui/age';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';

function optionWords(attempt: AttemptView): string {
  const { dryRun, gracePeriodSeconds, retry } = attempt.options;
  const words = [
    dryRun ? 'dry run' : null,
    gracePeriodSeconds === null ? null : `grace ${gracePeriodSeconds} s`,
    retry ? 'keep retrying' : null,
  ].filter((w) => w !== null);
  return words.length === 0 ? '' : ` (${words.join(', ')})`;
}

function Attempt({ attempt }: { attempt: AttemptView }) {
  const words =
    attempt.outcome === null
      ? null
      : outcomeWords({
          outcome: attempt.outcome,
          message: attempt.message ?? '',
          attemptId: attempt.id,
          ...(attempt.budget === null ? {} : { budget: attempt.budget.name }),
        });
  const action = attempt.action === 'delete' ? 'Delete' : 'Evict';
  const time = Date.parse(attempt.time);
  return (
    <li className="space-y-0.5 border-b border-zinc-100 py-2 text-sm dark:border-zinc-800">
      <p className="flex flex-wrap items-center gap-2">
        <StatusBadge
          tone={words?.tone ?? 'inactive'}
          label={words?.headline ?? 'No answer recorded'}
        />
        <span>
          {action}
          {optionWords(attempt)} by {attempt.who},{' '}
          {Number.isNaN(time) ? attempt.time : <Age since={time} />} ago
          {attempt.clusterCode === null ? '' : ` · HTTP ${attempt.clusterCode}`}
        </span>
      </p>
      {attempt.message === null ? null : <p>{attempt.message}</p>}
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
  const attempts = useAttempts(cluster, namespace, pod);
  if (attempts.isPending) return <Notice tone="progress" title="Loading the attempts…" />;
  if (attempts.isError) {
    return (
      <Notice tone="failed" title="The attempts could not be loaded">
        {attempts.error.message}
      </Notice>
    );
  }
  if (attempts.data.length === 0) {
    return <p className="text-sm">No eviction or delete of this pod has been attempted here.</p>;
  }
  return (
    <ul aria-label="Attempts" className="space-y-0">
      {attempts.data.map((a) => (
        <Attempt key={a.id} attempt={a} />
      ))}
    </ul>
  );
}
