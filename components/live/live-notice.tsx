import type { LiveCluster } from '@/lib/client/live-stream';

import { Notice } from '../ui/notice';

/**
 * What a view shows while it has no model of the cluster yet: connecting, reconnecting (with
 * the reason), or why not (an unknown cluster, unreadable data) and what to do.
 */
export function LiveNotice({ cluster, live }: { cluster: string; live: LiveCluster }) {
  const { connection, problem } = live;
  if (connection === 'error' && problem?.kind === 'not-found') {
    return (
      <Notice tone="failed" title={`There is no cluster named “${cluster}”`}>
        <p>
          Pick a cluster from the Cluster list above, or check the contexts of the kubeconfig
          Drainboard was started with.
        </p>
      </Notice>
    );
  }
  if (connection === 'error') {
    return (
      <Notice tone="failed" title={`Cannot show cluster “${cluster}”`}>
        <p>{problem?.message ?? 'The live stream stopped.'}</p>
        <p>Reload the page to try again.</p>
      </Notice>
    );
  }
  if (connection === 'reconnecting') {
    return (
      <Notice tone="waiting" title={`Reconnecting to ${cluster}…`}>
        {problem ? <p>{problem.message}</p> : null}
        <p>Drainboard retries by itself; the view fills in as soon as the stream is back.</p>
      </Notice>
    );
  }
  return <Notice tone="inactive" title={`Connecting to ${cluster}…`} />;
}
