import type { ReactNode } from 'react';

import { AppShell } from '@/components/shell/app-shell';
import { processClusterRegistry } from '@/lib/server/k8s/summaries';

export const dynamic = 'force-dynamic';

/** The walkthroughs in the shell of the default cluster (each runs on a cluster of its own). */
export default function WalkthroughsLayout({ children }: { children: ReactNode }) {
  const cluster = processClusterRegistry().defaultCluster() ?? 'demo';
  return <AppShell cluster={cluster}>{children}</AppShell>;
}
