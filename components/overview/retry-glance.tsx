import Link from 'next/link';
import { useTranslations } from 'next-intl';

import type { RetryGlance } from '@/lib/client/retry-rows';

import { viewHref } from '../shell/views';
import { Stat } from '../ui/stat';

/** Pending retries and stuck items, counted (0 shown as 0), with the way to the Retries view. */
export function RetryGlanceCard({
  glance,
  cluster,
  namespace,
}: {
  glance: RetryGlance;
  cluster: string;
  namespace: string | null;
}) {
  const t = useTranslations('RetryGlance');
  return (
    <section aria-labelledby="retry-glance" className="space-y-3">
      <h2 id="retry-glance" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <dl className="grid max-w-xl grid-cols-2 gap-2">
        <Stat label={t('pending')} value={glance.pending} tone="waiting" />
        <Stat
          label={t('stuck')}
          value={glance.stuck}
          tone={glance.stuck > 0 ? 'failed' : 'healthy'}
        />
      </dl>
      <p className="text-sm">
        <Link
          href={viewHref(cluster, 'retries', namespace ?? undefined)}
          className="font-medium text-blue-700 underline dark:text-blue-400"
        >
          {glance.stuck > 0 ? t('seeStuck') : t('open')}
        </Link>
      </p>
    </section>
  );
}
