import 'server-only';
import {
  ApiException,
  Observable,
  ResponseContext,
  type ConfigurationOptions,
  type ObservableMiddleware,
} from '@kubernetes/client-node';

import type { ClusterReply } from '@/lib/domain/eviction-outcome';

import { deadline } from './clusters';
import { parseStatus, toClusterError } from './errors';

/** How long one write (on a pod or a node) may take; the API server itself retries conflicts for about 10 s. */
const WRITE_TIMEOUT_MS = 30_000;

/**
 * Keeps the raw body of the answer: client-node turns a 2xx body into its own model (losing a
 * Status's `status` and `code`) and reads the body only once.
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
 * Makes one write on `cluster` (an Eviction POST, a pod DELETE, a node PATCH) through client-node, with a
 * 30 s deadline, and turns whatever comes of it into a {@link ClusterReply}: an answer of any
 * code with its Status parsed once (and kept verbatim), no answer, or a failure before sending.
 * `call` passes the given options to its client-node method. Never throws.
 */
export async function writeReply(
  cluster: string,
  call: (options: ConfigurationOptions) => Promise<{ httpStatusCode: number }>,
): Promise<ClusterReply> {
  const sink: { text?: string } = {};
  try {
    const info = await call({
      middleware: [deadline(WRITE_TIMEOUT_MS), keepBody(sink)],
      middlewareMergeStrategy: 'append',
    });
    return {
      kind: 'answer',
      code: info.httpStatusCode,
      reason: '',
      message: '',
      causes: [],
      retryAfterSeconds: undefined,
      status: statusObject(sink.text),
    };
  } catch (e) {
    if (e instanceof ApiException) {
      const headers = e.headers as Record<string, string>;
      const parsed = parseStatus(e.code, sink.text ?? '', headers);
      return { kind: 'answer', ...parsed, status: statusObject(sink.text) };
    }
    return failedReply(cluster, e);
  }
}

/** A failure with no answer from the cluster, as a {@link ClusterReply}. */
export function failedReply(cluster: string, e: unknown): ClusterReply {
  const err = toClusterError(cluster, e);
  const kind = err.kind === 'unreachable' || err.kind === 'timeout' ? err.kind : 'failed';
  return { kind, message: err.message };
}
