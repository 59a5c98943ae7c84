'use client';

import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState, type ReactNode } from 'react';

import type { PodTarget } from '@/lib/client/evictions-request';
import type { LiveState } from '@/lib/client/live-state';
import { readNamespace } from '@/lib/client/pod-query';
import { budgetsByName, retryRows, stuckInScope } from '@/lib/client/retry-rows';
import type { RetryView } from '@/lib/domain/retries';

import { LiveView } from '../live/live-view';
import { Notice } from '../ui/notice';
import { RetryActionResult } from './action-result';
import { RetryDeleteDialog } from './delete-dialog';
import { FinishedTable } from './finished-table';
import { PendingTable } from './pending-table';
import { RetryAnnouncer } from './retry-announcer';
import { StuckSection } from './stuck-section';
import { useRetryActions } from './use-retry-actions';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Retries({ cluster, state }: { cluster: string; state: LiveState }) {
  const t = useTranslations('Retries');
  const namespace = readNamespace(useSearchParams());
  const budgets = useMemo(() => budgetsByName(state.budgets.values()), [state.budgets]);
  const { retries, stuck } = state;
  const rows = useMemo(
    () => retryRows({ retries, stuck }, budgets, namespace),
    [retries, stuck, budgets, namespace],
  );
  const stuckItems = useMemo(() => stuckInScope(stuck, namespace), [stuck, namespace]);
  const queue = useMemo(() => ({ retries, stuck }), [retries, stuck]);
  const [deleting, setDeleting] = useState<PodTarget | null>(null);
  const onDelete = useCallback(
    (entry: RetryView) =>
      setDeleting({ cluster, namespace: entry.namespace, pod: entry.pod, uid: entry.uid }),
    [cluster],
  );
  const act = useRetryActions(cluster, onDelete);
  const where = namespace === null ? '' : t('inNamespace', { namespace });
  return (
    <div className="space-y-8">
      <RetryAnnouncer queue={queue} />
      {deleting === null ? null : (
        <RetryDeleteDialog target={deleting} onClose={() => setDeleting(null)} />
      )}
      <Section id="pending-retries" title={t('pending')}>
        <RetryActionResult words={act.result} />
        {rows.pending.length > 0 ? (
          <PendingTable rows={rows.pending} actions={act.actions} busyId={act.busyId} />
        ) : (
          <Notice tone="inactive" title={t('noPending', { where })}>
            {t('noPendingBody')}
          </Notice>
        )}
      </Section>
      <StuckSection items={stuckItems} />
      <Section id="finished-retries" title={t('finished')}>
        {rows.finished.length > 0 ? (
          <FinishedTable cluster={cluster} rows={rows.finished} />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('noFinished', { where })}</p>
        )}
      </Section>
    </div>
  );
}

/**
 * Evictions blocked by a budget that Drainboard keeps retrying, live: what each waits on,
 * what the cluster said, what is stuck and why, and the actions (retry now, cancel, delete).
 */
export function RetriesView({ cluster }: { cluster: string }) {
  return (
    <LiveView cluster={cluster}>{(state) => <Retries cluster={cluster} state={state} />}</LiveView>
  );
}
