'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';

import { forecastText } from '@/lib/client/budget-words';
import { useEvictPod } from '@/lib/client/evictions';
import { evictionContext, whyBlocked } from '@/lib/client/evictions-context';
import type { PodTarget } from '@/lib/client/evictions-request';
import { isBudgetBlock, type ActionAnswer } from '@/lib/client/evictions-words';
import { useLiveCluster } from '@/lib/client/live';
import { podStatus } from '@/lib/client/pod-status';
import type { LiveState } from '@/lib/client/live-state';
import { useNow } from '@/lib/client/use-now';
import type { PodView } from '@/lib/domain/views';

import { PodStatusBadge } from '../pods/pod-status-badge';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';
import { useActionAccess } from './access-note';
import { LintList, PodBudgets } from './budget-facts';
import { DeletePod } from './delete-pod';
import { DryRunVerdict } from './dry-run-verdict';
import { EvictForm } from './evict-form';
import { ModalDialog } from './modal-dialog';
import { OutcomePanel } from './outcome-panel';
import { WhyBlockedPanel } from './why-blocked';

/** The pod's state now, live: it turns Terminating once evicted, then Gone. */
function PodNow({ pod, isGone }: { pod: PodView; isGone: boolean }) {
  const t = useTranslations('Evict');
  return (
    <p role="status" aria-label={t('podNowName')} className="flex items-center gap-2 text-sm">
      {t('podNow')}{' '}
      {isGone ? (
        <StatusBadge tone="inactive" label={t('gone')} />
      ) : (
        <PodStatusBadge status={podStatus(pod)} />
      )}
    </p>
  );
}

function Before({ state, pod, now }: { state: LiveState; pod: PodView; now: number }) {
  const t = useTranslations('Evict');
  const tf = useTranslations('ForecastWords');
  const context = useMemo(() => evictionContext(state, pod, now), [state, pod, now]);
  const isMisconfigured = context.forecast.kind === 'multiple-budgets';
  const forecast = forecastText(context.forecast, tf);
  return (
    <section aria-label={t('before')} className="space-y-3">
      <PodBudgets budgets={context.budgets} />
      {isMisconfigured ? (
        <Notice tone="failed" title={t('severalBudgets')}>
          {forecast}
        </Notice>
      ) : (
        <p className="text-sm">{forecast}</p>
      )}
      <LintList lints={context.lints} />
    </section>
  );
}

function After({
  answer,
  state,
  target,
  now,
}: {
  answer: ActionAnswer;
  state: LiveState | null;
  target: PodTarget;
  now: number;
}) {
  const t = useTranslations('Evict');
  const why =
    isBudgetBlock(answer.outcome) && answer.budget !== undefined && state !== null
      ? whyBlocked(state, target.namespace, answer.budget, now)
      : null;
  return (
    <div className="space-y-3">
      <OutcomePanel answer={answer} label={t('result')} />
      {why === null ? null : <WhyBlockedPanel why={why} target={target} />}
      {answer.outcome === 'multiple-budgets' ? <DeletePod target={target} /> : null}
    </div>
  );
}

/**
 * The Evict dialog for one pod: before anything is sent, the budgets selecting it with their
 * allowed disruptions, the lints that apply and the cluster's verdict from a dry run; then the
 * options, and after sending the outcome in words, with "why blocked" for a budget's refusal.
 */
export function EvictDialog({
  cluster,
  pod,
  onClose,
}: {
  cluster: string;
  /** The pod as the operator saw it: its UID is the one evicted, whatever replaces it. */
  pod: PodView;
  onClose: () => void;
}) {
  const t = useTranslations('Evict');
  const live = useLiveCluster(cluster);
  const now = useNow() ?? 0;
  const seen = live.state?.pods.get(pod.uid);
  const current = seen ?? pod;
  const target: PodTarget = { cluster, namespace: pod.namespace, pod: pod.name, uid: pod.uid };
  const access = useActionAccess(cluster, pod.namespace, 'evict');
  const evict = useEvictPod();
  return (
    <ModalDialog title={t('title', { ref: `${pod.namespace}/${pod.name}` })} onClose={onClose}>
      <PodNow pod={current} isGone={live.state !== null && seen === undefined} />
      {live.state === null ? null : <Before state={live.state} pod={current} now={now} />}
      <DryRunVerdict target={target} />
      <EvictForm
        uid={pod.uid}
        target={target}
        submitLabel={t('evict')}
        isAllowed={access.isAllowed}
        note={access.note}
        isSending={evict.isPending}
        onSubmit={(body) => evict.mutate({ target, body })}
      />
      {evict.isError ? (
        <Notice tone="failed" title={t('noAnswer')}>
          {evict.error.message}. {t('checkAttempts')}
        </Notice>
      ) : null}
      {evict.data === undefined ? null : (
        <After answer={evict.data} state={live.state} target={target} now={now} />
      )}
    </ModalDialog>
  );
}
