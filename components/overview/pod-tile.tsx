'use client';

import { useLocale, useTranslations } from 'next-intl';
import { memo } from 'react';

import { formatCountdown, timeOf } from '@/lib/client/format-time';
import type { SelectionIndex } from '@/lib/client/budget-selection';
import { podStatus, type PodStatus } from '@/lib/client/pod-status';
import { useNow } from '@/lib/client/use-now';
import { budgetsOf } from '@/lib/domain/budget-selection';
import type { PodView } from '@/lib/domain/views';

import { useStatusReason } from '../pods/use-status-reason';
import { Countdown } from '../ui/countdown';
import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from '../ui/tone';

/** What a tile shows, worked out once per render of a changed pod. */
interface TileModel {
  readonly pod: PodView;
  readonly status: PodStatus;
  /** The status's reason in the interface's language. */
  readonly reason: string | null;
  /** The grace period's end (epoch ms), while terminating. */
  readonly deadline: number | null;
  /** The pod's budgets that allow no disruption now: an eviction would be refused. */
  readonly blockedBy: readonly string[];
  /** The accessible name, less the countdown. */
  readonly head: string;
  readonly tail: string;
  /** Owner and budgets, for the tooltip. */
  readonly details: string;
}

type Translate = ReturnType<typeof useTranslations<'PodTile'>>;

/** The parts that are there, in the locale's list separator (`PodTile.separator`). */
const join = (parts: (string | null)[], t: Translate) =>
  parts.filter((p) => p !== null).join(t('separator'));

/** A pod status's reason as the interface says it (`useStatusReason`). */
type StatusReason = ReturnType<typeof useStatusReason>;

function tileModel(
  pod: PodView,
  budgets: SelectionIndex,
  t: Translate,
  statusReason: StatusReason,
): TileModel {
  const status = podStatus(pod);
  const covering = budgetsOf(pod, budgets);
  const blockedBy = covering.filter((b) => b.isBlocking).map((b) => b.name);
  const readiness = status.state === 'Running' ? (pod.isReady ? t('ready') : t('notReady')) : null;
  const reason = statusReason(status);
  /** The reason unless `readiness` says it already. */
  const unsaid = status.ownReason === 'not-ready' ? null : reason;
  const owner =
    pod.owner === null
      ? t('noOwner')
      : t('ownedBy', { kind: pod.owner.kind, name: pod.owner.name });
  const budgetText =
    covering.length === 0
      ? t('noBudget')
      : t('budget', { names: covering.map((b) => b.name).join(t('separator')) });
  return {
    pod,
    status,
    reason,
    deadline: timeOf(pod.deletionTimestamp),
    blockedBy,
    head: join([pod.name, status.state, readiness, unsaid], t),
    tail: join(
      [
        pod.nodeName === null ? t('notScheduled') : t('on', { node: pod.nodeName }),
        blockedBy.length > 0 ? t('blockedBy', { names: blockedBy.join(t('separator')) }) : null,
      ],
      t,
    ),
    details: `${owner}; ${budgetText}`,
  };
}

function Tile({ model, label }: { model: TileModel; label: string }) {
  const t = useTranslations('PodTile');
  const { pod, status, reason, deadline, blockedBy } = model;
  return (
    <li
      aria-label={label}
      title={`${label}\n${model.details}`}
      className={`flex min-w-0 items-center gap-1.5 rounded-sm border-l-4 px-2 py-1 text-xs ${TONE_SURFACE[status.tone]} ${deadline === null ? '' : 'ring-2 ring-state-progress'}`}
    >
      <span aria-hidden="true" className={`font-semibold ${TONE_TEXT[status.tone]}`}>
        {TONE_ICON[status.tone]}
      </span>
      <span className="min-w-0 flex-1 truncate font-mono">{pod.name}</span>
      <span className="shrink-0 text-zinc-700 dark:text-zinc-300">
        {reason ?? (status.state === 'Running' ? t('ready') : status.state)}
        {deadline === null ? null : (
          <>
            {' · '}
            <Countdown deadline={deadline} />
          </>
        )}
      </span>
      {blockedBy.length > 0 ? (
        <span aria-hidden="true" className="shrink-0 font-semibold text-state-waiting">
          ⊘
        </span>
      ) : null}
    </li>
  );
}

/** A terminating pod's tile, whose name says every second how long the grace period has left. */
function TerminatingTile({ model, deadline }: { model: TileModel; deadline: number }) {
  const t = useTranslations('PodTile');
  const locale = useLocale();
  const now = useNow();
  const left =
    now === null ? null : t('graceEnds', { countdown: formatCountdown(deadline, now, locale) });
  return <Tile model={model} label={join([model.head, left, model.tail], t)} />;
}

/**
 * A pod on the node map: colour, icon and word for its state, a ring and a countdown while
 * terminating, a mark (⊘) when a budget would refuse its eviction. Named for screen readers
 * and tests as "web-abc12, Running, Ready, on node-1". Re-renders only when its pod or the
 * budgets change.
 */
export const PodTile = memo(function PodTile({
  pod,
  budgets,
}: {
  pod: PodView;
  budgets: SelectionIndex;
}) {
  const t = useTranslations('PodTile');
  const model = tileModel(pod, budgets, t, useStatusReason());
  if (model.deadline !== null) return <TerminatingTile model={model} deadline={model.deadline} />;
  return <Tile model={model} label={join([model.head, model.tail], t)} />;
});
