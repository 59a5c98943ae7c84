import { useTranslations } from 'next-intl';

import { dryRunWords, planActionWords } from '@/lib/client/drain-words';
import type { PlanPod } from '@/lib/domain/drains';

import { PodHeaderCell } from '../pods/pod-header-cell';
import { CELL, FramedTable, NONE, ROW } from '../ui/framed-table';
import { StatusBadge } from '../ui/status-badge';

/** The plan's pod table columns, in order. */
export const PLAN_POD_COLUMNS = [
  'Pod',
  'Node',
  'What kubectl drain does',
  "Cluster's dry run",
  'Wave',
] as const;

function Wave({ pod }: { pod: PlanPod }) {
  const t = useTranslations('Drains.plan');
  if (pod.action !== 'evict') return <span className={NONE}>—</span>;
  if (pod.wave === null)
    return <span className="font-semibold text-state-failed">{t('never')}</span>;
  return <span className="tabular-nums">{pod.wave}</span>;
}

function PlanPodRow({ cluster, pod }: { cluster: string; pod: PlanPod }) {
  const tw = useTranslations('DrainWords');
  const action = planActionWords(pod, tw);
  const verdict = dryRunWords(pod.dryRun, pod.namespace, tw);
  return (
    <tr className={ROW}>
      <PodHeaderCell cluster={cluster} namespace={pod.namespace} name={pod.name} />
      <td className={`${CELL} font-mono whitespace-nowrap`}>{pod.node}</td>
      <td className={`${CELL} max-w-md space-y-1`}>
        <StatusBadge tone={action.tone} label={action.label} detail={action.detail} />
        {pod.message === null ? null : <p className="text-xs">{pod.message}</p>}
      </td>
      <td className={`${CELL} max-w-md space-y-1`}>
        <StatusBadge tone={verdict.tone} label={verdict.label} />
        {pod.dryRun?.message == null ? null : (
          <p className="text-xs">
            <q>{pod.dryRun.message}</q>
          </p>
        )}
      </td>
      <td className={CELL}>
        <Wave pod={pod} />
      </td>
    </tr>
  );
}

/** Each pod on the plan's nodes: what kubectl drain does with it and what the cluster says. */
export function PlanPodsTable({ cluster, pods }: { cluster: string; pods: readonly PlanPod[] }) {
  const t = useTranslations('Drains.plan');
  return (
    <FramedTable label={t('podsOfPlan')} columns={PLAN_POD_COLUMNS.map((c) => t(`columns.${c}`))}>
      {pods.map((pod) => (
        <PlanPodRow key={pod.uid} cluster={cluster} pod={pod} />
      ))}
    </FramedTable>
  );
}
