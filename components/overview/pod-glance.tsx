import type { PodGlance } from '@/lib/client/glance';

import { Stat } from '../ui/stat';

/** Pods counted by state: what is happening, in numbers. */
export function PodGlanceCard({ glance, isSyncing }: { glance: PodGlance; isSyncing: boolean }) {
  return (
    <section aria-labelledby="pod-glance" className="space-y-3">
      <h2 id="pod-glance" className="text-lg font-semibold">
        Pods
      </h2>
      <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6">
        <Stat label="Pods" value={glance.total} />
        <Stat label="Ready" value={glance.healthy} tone="healthy" />
        <Stat label="Not ready" value={glance.waiting} tone="waiting" />
        <Stat label="Terminating" value={glance.progress} tone="progress" />
        <Stat label="Failing" value={glance.failed} tone="failed" />
        <Stat label="Pending" value={glance.inactive} tone="inactive" />
      </dl>
      {isSyncing ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Listing pods… the counts fill in as they arrive.
        </p>
      ) : null}
    </section>
  );
}
