import type { V1Pod } from '@kubernetes/client-node';

/** One watch event of a pod, with the time this process received it. */
export interface SeenPodEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  pod: V1Pod;
  /** Epoch ms. */
  at: number;
}

/** The pods of one namespace, watched straight on the cluster, as another client sees them. */
export interface PodWatch {
  events: SeenPodEvent[];
  close(): void;
}

/** Watches `GET {clusterUrl}/api/v1/namespaces/{ns}/pods?watch=1` until closed. */
export function watchPods(clusterUrl: string, namespace: string): PodWatch {
  const abort = new AbortController();
  const events: SeenPodEvent[] = [];
  void (async () => {
    const res = await fetch(`${clusterUrl}/api/v1/namespaces/${namespace}/pods?watch=1`, {
      signal: abort.signal,
    });
    if (!res.ok || res.body === null) throw new Error(`watch pods: ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
      let nl = text.indexOf('\n');
      while (nl >= 0) {
        const line = text.slice(0, nl).trim();
        text = text.slice(nl + 1);
        if (line !== '') {
          const e = JSON.parse(line) as { type: SeenPodEvent['type']; object: V1Pod };
          events.push({ type: e.type, pod: e.object, at: Date.now() });
        }
        nl = text.indexOf('\n');
      }
    }
  })().catch(() => undefined);
  return { events, close: () => abort.abort() };
}
