import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { RetryListItemSchema, type RetryListItem, type RetryView } from '@/lib/domain/retries';

import { ApiError, evictionKeys } from './evictions';

/** What the operator can do to a pending retry entry. */
export type RetryAction = 'retry-now' | 'cancel';

const seg = encodeURIComponent;

/** `/api/clusters/{c}/retries/{id}` (cancel: DELETE) and `…/{id}/retry-now` (POST). */
export function retryActionUrl(cluster: string, id: number, action: RetryAction): string {
  const entry = `/api/clusters/${seg(cluster)}/retries/${id}`;
  return action === 'retry-now' ? `${entry}/retry-now` : entry;
}

/**
 * The answer to a retry action. The server refusing it (409: the entry is no longer pending;
 * 404: unknown entry) is an answer the view shows, not an error.
 */
export type RetryActionAnswer =
  | { readonly ok: true; readonly entry: RetryListItem }
  | { readonly ok: false; readonly status: number; readonly message: string };

const RefusalSchema = z.object({ error: z.string().optional(), message: z.string() });

async function readBody(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(res.status, `${what} answered ${res.status} without JSON`);
  }
}

/**
 * Sends a retry action: "retry now" (POST, 202) or cancel (DELETE, 200). The browser's fetch
 * is same-origin, as the server requires of every mutating request. Throws an
 * {@link ApiError} (with the HTTP status) only when the answer is not one of the contract's.
 */
export async function sendRetryAction(
  cluster: string,
  id: number,
  action: RetryAction,
): Promise<RetryActionAnswer> {
  const url = retryActionUrl(cluster, id, action);
  const method = action === 'retry-now' ? 'POST' : 'DELETE';
  const res = await fetch(url, { method, headers: { Accept: 'application/json' } });
  const body = await readBody(res, `${method} ${url}`);
  if (res.ok) {
    const entry = RetryListItemSchema.safeParse(body);
    if (entry.success) return { ok: true, entry: entry.data };
  } else {
    const refusal = RefusalSchema.safeParse(body);
    if (refusal.success) return { ok: false, status: res.status, message: refusal.data.message };
  }
  throw new ApiError(res.status, `${method} ${url} answered ${res.status}`);
}

/** The variables of {@link useRetryAction}: the entry as the operator saw it, and what to do. */
export interface RetryActionInput {
  readonly entry: RetryView;
  readonly action: RetryAction;
}

/**
 * "Retry now" or "Cancel" for one entry. The entry's new state arrives on the live stream;
 * the pod's attempts are new after a retry, so they are invalidated.
 */
export function useRetryAction(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entry, action }: RetryActionInput) => sendRetryAction(cluster, entry.id, action),
    onSettled: (_data, _error, { entry }) =>
      client.invalidateQueries({
        queryKey: evictionKeys.attempts(cluster, entry.namespace, entry.pod),
      }),
  });
}
