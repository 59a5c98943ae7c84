import { useTranslations } from 'next-intl';

import type { PodGlance } from '@/lib/client/glance';

import { Stat } from '../ui/stat';

/** Pods counted by state: what is happening, in numbers. */
export function PodGlanceCard({ glance, isSyncing }: { glance: PodGlance; isSyncing: boolean }) {
  const t = useTranslations('PodGlance');
  return (
    <section aria-labelledby="pod-glance" className="space-y-3">
      <h2 id="pod-glance" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6">
        <Stat label={t('pods')} value={glance.total} />
        <Stat label={t('ready')} value={glance.healthy} tone="healthy" />
        <Stat label={t('notReady')} value={glance.waiting} tone="waiting" />
        <Stat label={t('terminating')} value={glance.progress} tone="progress" />
        <Stat label={t('failing')} value={glance.failed} tone="failed" />
        <Stat label={t('pending')} value={glance.inactive} tone="inactive" />
      </dl>
      {isSyncing ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('listing')}</p>
      ) : null}
    </section>
  );
}
