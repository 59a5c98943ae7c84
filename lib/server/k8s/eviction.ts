import 'server-only';
import {
  ApiException,
  CoreV1Api,
  Observable,
  ResponseContext,
  type KubeConfig,
  type ObservableMiddleware,
  type V1Eviction,
} from '@kubernetes/client-node';

import type { ClusterReply } from '@/lib/domain/eviction-outcome';

import { deadline } from './clusters';
import { parseStatus, toClusterError } from './errors';

/** What Drainboard asks of one eviction; everything else of the Eviction is decided here. */
export interface EvictionTarget {
  namespace: string;
  pod: string;
  /** Always sent as `deleteOptions.preconditions.uid`. */
  uid: string;
  dryRun: boolean;
  /** Sent only when given. */
  gracePeriodSeconds: number | null;
}

/** How long one eviction may take; the API server itself retries conflicts for about 10 s. */
const EVICTION_TIMEOUT_MS = 30_000;

/**
 * The policy/v1 Eviction of `target`, built here and nowhere else: the pod's UID as a delete
 * precondition (so a replacement that reused the name is never evicted), the grace period only
 * when asked, `dryRun: ["All"]` for a dry run.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
 */
function evictionBody(target: EvictionTarget): V1Eviction {
  return {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: target.pod, namespace: target.namespace },
    deleteOptions: {
      preconditions: { uid: target.uid },
      ...(target.gracePeriodSeconds !== null
        ? { gracePeriodSeconds: target.gracePeriodSeconds }
        : {}),
      ...(target.dryRun ? { dryRun: ['All'] } : {}),
    },
  };
}

/**
 * Keeps the raw body of the answer: client-node turns a 2xx Status into a `V1Eviction` (losing
 * `status` and `code`) and reads the body only once.
 */
function keepBody(sink: { text?: string }): ObservableMiddleware {
  return {
    pre: (ctx) => new Observable(Promise.resolve(ctx)),
    post: (res) =>
      new Observable(
        res.body.text().then((text) => {
          sink.text = text;
          const body = { text: async () => text, binary: async () => Buffer.from(text) };
          return new ResponseContext(res.httpStatusCode, res.headers, body);
        }),
      ),
  };
}

function statusObject(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as unknown;
    const isStatus =
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { kind?: unknown }).kind === 'Status';
    return isStatus ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POSTs the Eviction of `target` to `pods/{pod}/eviction` through client-node with the
 * cluster's own KubeConfig: the path comes from the typed client, the headers from the
 * kubeconfig, nothing from the browser. Never throws: an answer of any code, no answer, or a
 * failure before sending is a {@link ClusterReply}.
 */
export async function postEviction(
  kc: KubeConfig,
  cluster: string,
  target: EvictionTarget,
): Promise<ClusterReply> {
  const sink: { text?: string } = {};
  const options = {
    middleware: [deadline(EVICTION_TIMEOUT_MS), keepBody(sink)],
    middlewareMergeStrategy: 'append' as const,
  };
  try {
    const info = await kc
      .makeApiClient(CoreV1Api)
      .createNamespacedPodEvictionWithHttpInfo(
        { name: target.pod, namespace: target.namespace, body: evictionBody(target) },
        options,
      );
    const status = statusObject(sink.text);
    return {
      kind: 'answer',
      code: info.httpStatusCode,
      reason: '',
      message: '',
      causes: [],
      retryAfterSeconds: undefined,
      status,
    };
  } catch (e) {
    if (e instanceof ApiException) {
      const headers = e.headers as Record<string, string>;
      const parsed = parseStatus(e.code, sink.text ?? '', headers);
      return { kind: 'answer', ...parsed, status: statusObject(sink.text) };
    }
    const err = toClusterError(cluster, e);
    const kind = err.kind === 'unreachable' || err.kind === 'timeout' ? err.kind : 'failed';
    return { kind, message: err.message };
  }
}
