import { redirect } from 'next/navigation';
import { viewHref } from '@/components/shell/views';
import { processClusterRegistry } from '@/lib/server/k8s/summaries';

export const dynamic = 'force-dynamic';

/** `/` opens the Overview of the default cluster (the kubeconfig's current context, or demo). */
export default function Home() {
  const cluster = processClusterRegistry().defaultCluster();
  if (cluster !== undefined) redirect(viewHref(cluster, 'overview'));
  return (
    <main className="mx-auto max-w-2xl space-y-4 p-8">
      <h1 className="text-2xl font-semibold tracking-tight">No cluster to show</h1>
      <p>
        Drainboard found no kubeconfig context and the embedded cluster is off. Set{' '}
        <code>KUBECONFIG</code> to a kubeconfig file, or start without{' '}
        <code>DRAINBOARD_DEMO=off</code> to use the embedded <code>demo</code> cluster.
      </p>
    </main>
  );
}
