'use client';

import { useDryRun } from '@/lib/client/evictions';
import type { PodTarget } from '@/lib/client/evictions-request';

import { Notice } from '../ui/notice';
import { OutcomePanel } from './outcome-panel';

/** The cluster's own verdict, asked with a dry-run eviction when the dialog opens. */
export function DryRunVerdict({ target }: { target: PodTarget }) {
  const dryRun = useDryRun(target);
  if (dryRun.isPending) {
    return <Notice tone="progress" title="Asking the cluster (dry run)…" />;
  }
  if (dryRun.isError) {
    return (
      <Notice tone="failed" title="The dry run did not answer">
        {dryRun.error.message}. You can still evict; the outcome will say what the cluster decided.
      </Notice>
    );
  }
  return <OutcomePanel answer={dryRun.data} label="Cluster's verdict (dry run)" />;
}
