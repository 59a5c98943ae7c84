import { useTranslations } from 'next-intl';

import type { PodView } from '@/lib/domain/views';

import { Age } from '../ui/age';

const th = 'px-2 py-1 text-left text-xs font-semibold';
const td = 'px-2 py-1 text-sm';

/** The pod's containers: readiness, state and restarts, with the last exit code. */
export function ContainerTable({ pod }: { pod: PodView }) {
  const t = useTranslations('Pod.containers');
  return (
    <table aria-label={t('label')} className="w-full border-collapse">
      <thead className="border-b border-zinc-300 dark:border-zinc-700">
        <tr>
          <th className={th}>{t('container')}</th>
          <th className={th}>{t('ready')}</th>
          <th className={th}>{t('state')}</th>
          <th className={th}>{t('restarts')}</th>
        </tr>
      </thead>
      <tbody>
        {pod.containers.map((c) => (
          <tr key={c.name} className="border-b border-zinc-100 dark:border-zinc-800">
            <th scope="row" className={`${td} text-left font-mono font-normal`}>
              {c.name}
            </th>
            <td className={td}>{c.isReady ? t('isReady') : t('notReady')}</td>
            <td className={td}>
              {c.state}
              {c.reason === null ? '' : ` · ${c.reason}`}
              {c.exitCode === null ? '' : ` · ${t('exit', { code: String(c.exitCode) })}`}
              {c.lastExitCode === null
                ? ''
                : ` (${t('lastExit', { code: String(c.lastExitCode) })})`}
            </td>
            <td className={`${td} tabular-nums`}>{c.restartCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The pod's conditions. `DisruptionTarget` (set by an accepted eviction, before the delete)
 * is called out: it says why the pod is going away.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-conditions
 */
export function ConditionList({ pod }: { pod: PodView }) {
  const t = useTranslations('Pod.conditions');
  if (pod.conditions.length === 0) return <p className="text-sm">{t('none')}</p>;
  return (
    <ul aria-label={t('label')} className="space-y-1 text-sm">
      {pod.conditions.map((c) => {
        const isTarget = c.type === 'DisruptionTarget' && c.status === 'True';
        const since = c.lastTransitionTime === null ? null : Date.parse(c.lastTransitionTime);
        return (
          <li
            key={c.type}
            className={isTarget ? 'rounded-md border border-state-progress px-2 py-1' : ''}
          >
            <span className="font-mono">{c.type}</span> {c.status}
            {c.reason === null ? '' : ` · ${c.reason}`}
            {c.message === null ? '' : ` — ${c.message}`}
            {since === null || Number.isNaN(since) ? null : (
              <> {t.rich('since', { age: () => <Age since={since} /> })}</>
            )}
          </li>
        );
      })}
    </ul>
  );
}
