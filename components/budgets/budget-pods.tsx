import Link from 'next/link';
import { useTranslations } from 'next-intl';

import type { BudgetCard } from '@/lib/client/budget-cards';
import { podHref } from '@/lib/client/evictions-request';
import { podStatus } from '@/lib/client/pod-status';
import type { PodView } from '@/lib/domain/views';

import { PodStatusBadge } from '../pods/pod-status-badge';
import { Age } from '../ui/age';

/** Above this many pods the list starts folded. */
const OPEN_UP_TO = 12;

function PodItem({
  cluster,
  pod,
  isDisrupted,
}: {
  cluster: string;
  pod: PodView;
  isDisrupted: boolean;
}) {
  const t = useTranslations('Budgets.pods');
  const status = podStatus(pod);
  return (
    <li className="flex flex-wrap items-center gap-2">
      <Link
        href={podHref(cluster, pod.namespace, pod.name)}
        className="font-mono text-blue-700 underline underline-offset-2 dark:text-blue-400"
      >
        {pod.name}
      </Link>
      <PodStatusBadge status={status} />
      <span className="text-xs">{pod.isReady ? t('ready') : t('notReady')}</span>
      {isDisrupted ? <span className="text-xs">{t('accepted')}</span> : null}
    </li>
  );
}

/** The pods a budget selects, with their readiness, and its accepted evictions. */
export function BudgetPods({ cluster, card }: { cluster: string; card: BudgetCard }) {
  const t = useTranslations('Budgets.pods');
  const { budget, pods, disrupted } = card;
  const selector = budget.selector === null ? null : card.selector;
  const kubectl =
    selector === null
      ? null
      : `kubectl get pods -n ${budget.namespace}${selector === '{}' ? '' : ` -l '${selector}'`}`;
  const disruptedNames = new Set(disrupted.map((d) => d.name));
  return (
    <div className="space-y-2 text-sm">
      {disrupted.length === 0 ? null : (
        <div>
          <p className="font-semibold">{t('acceptedTitle')}</p>
          <ul className="space-y-0.5">
            {disrupted.map((d) => (
              <li key={d.name}>
                <span className="font-mono">{d.name}</span> —{' '}
                {d.acceptedAt === null ? (
                  t('unreadable')
                ) : (
                  <>
                    {t('acceptedAt')} <Age since={d.acceptedAt} />
                    {t('ago')}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <details open={pods.length <= OPEN_UP_TO} className="space-y-1">
        <summary className="cursor-pointer font-semibold">
          {t('selects', { count: pods.length, ready: card.readyPods })}
        </summary>
        {kubectl === null ? null : (
          <code className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">
            {kubectl}
          </code>
        )}
        {pods.length === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">{t('none')}</p>
        ) : (
          <ul aria-label={t('selectedBy', { name: budget.name })} className="space-y-1">
            {pods.map((pod) => (
              <PodItem
                key={pod.uid}
                cluster={cluster}
                pod={pod}
                isDisrupted={disruptedNames.has(pod.name)}
              />
            ))}
          </ul>
        )}
      </details>
    </div>
  );
}
