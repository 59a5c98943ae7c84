'use client';

import { useRouter, useSelectedLayoutSegment } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useClusters } from '@/lib/client/clusters';
import type { ClusterSummary } from '@/lib/domain/clusters';

type Translate = ReturnType<typeof useTranslations<'ClusterSwitcher'>>;

function optionLabel(c: ClusterSummary, t: Translate): string {
  const unreachable = t('unreachableTag', { reason: c.reason ?? t('error') });
  const tags = [c.demo ? t('embedded') : '', c.reachable ? '' : unreachable];
  const extra = tags.filter(Boolean).join(', ');
  return extra ? `${c.name} (${extra})` : c.name;
}

/** Picks the cluster: kubeconfig contexts, the pod's own cluster and the embedded demo. */
export function ClusterSwitcher({ cluster }: { cluster: string }) {
  const t = useTranslations('ClusterSwitcher');
  const router = useRouter();
  const view = useSelectedLayoutSegment() ?? 'overview';
  const { data, isPending, isError } = useClusters();
  const status = isPending ? t('loading') : isError ? t('loadFailed') : '';
  const current = data?.find((c) => c.name === cluster);
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="cluster-switcher" className="font-medium">
        {t('label')}
      </label>
      <select
        id="cluster-switcher"
        value={cluster}
        disabled={!data}
        aria-describedby="cluster-switcher-status"
        onChange={(e) => router.push(`/clusters/${encodeURIComponent(e.target.value)}/${view}`)}
        className="min-w-40 rounded-md border border-zinc-300 bg-white px-2 py-1 disabled:cursor-not-allowed disabled:opacity-70 dark:border-zinc-700 dark:bg-zinc-950"
      >
        {!current && <option value={cluster}>{cluster}</option>}
        {data?.map((c) => (
          <option key={c.name} value={c.name}>
            {optionLabel(c, t)}
          </option>
        ))}
      </select>
      <span id="cluster-switcher-status" role="status" className="text-zinc-600 dark:text-zinc-400">
        {status ||
          (current && !current.reachable
            ? t('unreachable', { message: current.message ?? '' })
            : '')}
      </span>
    </div>
  );
}
