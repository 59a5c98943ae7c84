import { useTranslations } from 'next-intl';
import { memo } from 'react';

import { budgetRef, drainStageWords } from '@/lib/client/drain-words';
import { timeOf } from '@/lib/client/format-time';
import type { DrainPodView } from '@/lib/domain/drains';

import { Countdown } from '../ui/countdown';
import { PodHeaderCell } from '../pods/pod-header-cell';
import { CELL, FramedTable, NONE, ROW } from '../ui/framed-table';
import { StatusBadge } from '../ui/status-badge';

export const DRAIN_POD_COLUMNS = [
  'Pod',
  'Node',
  'Budget',
  'Stage',
  'Attempts',
  'Message / next try',
] as const;

const DrainPodRow = memo(function DrainPodRow({
  cluster,
  pod,
}: {
  cluster: string;
  pod: DrainPodView;
}) {
  const t = useTranslations('Drains.pods');
  const tw = useTranslations('DrainWords');
  const stage = drainStageWords(pod, tw);
  const next = timeOf(pod.nextAttemptAt);
  return (
    <tr className={ROW}>
      <PodHeaderCell cluster={cluster} namespace={pod.namespace} name={pod.name} />
      <td className={`${CELL} font-mono whitespace-nowrap`}>{pod.node}</td>
      <td className={`${CELL} font-mono`}>
        {pod.budget === null ? (
          <span className={NONE}>{t('noneNamed')}</span>
        ) : (
          budgetRef(pod.namespace, pod.budget)
        )}
      </td>
      <td className={CELL}>
        <StatusBadge tone={stage.tone} label={stage.label} detail={stage.detail} />
        {pod.replacement === null ? null : (
          <p className="mt-1 text-xs">
            {t('replacement')} <span className="font-mono">{pod.replacement}</span>
          </p>
        )}
      </td>
      <td className={`${CELL} tabular-nums`}>{pod.attempts}</td>
      <td className={`${CELL} max-w-md space-y-1`}>
        {pod.message === null ? (
          <span className={NONE}>{t('noMessage')}</span>
        ) : (
          <p>{pod.message}</p>
        )}
        {next === null ? null : (
          <p className="text-xs">
            {t('nextTry')} <Countdown deadline={next} />
          </p>
        )}
      </td>
    </tr>
  );
});

/** Every pod of the drain: where it is, what the cluster last said and when the next try is. */
export function DrainPodsTable({
  cluster,
  pods,
}: {
  cluster: string;
  pods: readonly DrainPodView[];
}) {
  const t = useTranslations('Drains.pods');
  return (
    <FramedTable label={t('label')} columns={DRAIN_POD_COLUMNS.map((c) => t(`columns.${c}`))}>
      {pods.map((pod) => (
        <DrainPodRow key={pod.uid} cluster={cluster} pod={pod} />
      ))}
    </FramedTable>
  );
}
