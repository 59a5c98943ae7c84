import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { z } from 'zod';

import { AttemptListSchema, type AttemptView } from '@/lib/domain/eviction-attempts';
import { EvictionAnswerSchema, type EvictionRequest } from '@/lib/domain/eviction-outcome';
import type { DeletionRequest } from '@/lib/domain/pod-deletion';
import { PodAccessSchema } from '@/lib/domain/pod-access';

import { accessUrl, attemptsUrl, podActionUrl, type PodTarget } from './evictions-request';
import type { ActionAnswer } from './evictions-words';

/** Query keys of the eviction data, by cluster, so one invalidation reaches a pod's views. */
export const evictionKeys = {
  all: ['evictions'] as const,
  cluster: (cluster: string) => [...evictionKeys.all, cluster] as const,
  attempts: (cluster: string, namespace: string, pod: string) =>
    [...evictionKeys.cluster(cluster), 'attempts', namespace, pod] as const,
  dryRun: (t: PodTarget) =>
    [...evictionKeys.cluster(t.cluster), 'dry-run', t.namespace, t.pod, t.uid] as const,
  access: (cluster: string, namespace: string) =>
    [...evictionKeys.cluster(cluster), 'access', namespace] as const,
};

/** A request of ours the dashboard's server did not answer as its contract says. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function readJson(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(res.status, `${what} answered ${res.status} without JSON`);
  }
}

/**
 * POSTs a pod action. Every outcome (429 and 409 included) is an answer, not an error; only
 * a body that is not an answer throws an {@link ApiError} with the HTTP status.
 */
async function postAction(url: string, body: unknown): Promise<ActionAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = EvictionAnswerSchema.safeParse(await readJson(res, `POST ${url}`));
  if (!parsed.success) throw new ApiError(res.status, `POST ${url} answered ${res.status}`);
  return parsed.data;
}

/** Evicts (or, with `dryRun`, asks the cluster about evicting) one pod. */
export function postEviction(target: PodTarget, body: EvictionRequest): Promise<ActionAnswer> {
  return postAction(podActionUrl(target, 'eviction'), body);
}

/** Deletes one pod directly (no budget consulted), with the operator's typed confirmation. */
export function postDelete(target: PodTarget, body: DeletionRequest): Promise<ActionAnswer> {
  return postAction(podActionUrl(target, 'delete'), body);
}

async function getJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new ApiError(res.status, `GET ${url} answered ${res.status}`);
  return schema.parse(await readJson(res, `GET ${url}`));
}

/** The pod's recorded attempts, newest first. */
export const attemptsQuery = (cluster: string, namespace: string, pod: string) =>
  queryOptions({
    queryKey: evictionKeys.attempts(cluster, namespace, pod),
    queryFn: (): Promise<AttemptView[]> =>
      getJson(attemptsUrl(cluster, namespace, pod), AttemptListSchema),
    staleTime: 0,
  });

export function useAttempts(cluster: string, namespace: string, pod: string) {
  return useQuery(attemptsQuery(cluster, namespace, pod));
}

/** The permission check behind Evict and Delete pod; never retried (a 403 stays a 403). */
export const accessQuery = (cluster: string, namespace: string) =>
  queryOptions({
    queryKey: evictionKeys.access(cluster, namespace),
    queryFn: () => getJson(accessUrl(cluster, namespace), PodAccessSchema),
    staleTime: 60_000,
    retry: false,
  });

export function useAccess(cluster: string, namespace: string) {
  return useQuery(accessQuery(cluster, namespace));
}

/**
 * The cluster's own verdict before anything is sent: a dry-run eviction, asked once when the
 * dialog opens (and not again while it is open: it is recorded as an attempt).
 */
export const dryRunQuery = (target: PodTarget) =>
  queryOptions({
    queryKey: evictionKeys.dryRun(target),
    queryFn: () => postEviction(target, { uid: target.uid, dryRun: true }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

export function useDryRun(target: PodTarget) {
  return useQuery(dryRunQuery(target));
}

/** After an action: the pod's attempts are new. */
export function invalidatePod(client: QueryClient, target: PodTarget): Promise<void> {
  return client.invalidateQueries({
    queryKey: evictionKeys.attempts(target.cluster, target.namespace, target.pod),
  });
}

/** Evicts one pod; the outcome (blocked included) is the mutation's data. */
export function useEvictPod() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ target, body }: { target: PodTarget; body: EvictionRequest }) =>
      postEviction(target, body),
    onSettled: (_data, _error, { target }) => invalidatePod(client, target),
  });
}

/** Deletes one pod directly, bypassing its budgets (the typed-confirmation action). */
export function useDeletePod() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ target, body }: { target: PodTarget; body: DeletionRequest }) =>
      postDelete(target, body),
    onSettled: (_data, _error, { target }) => invalidatePod(client, target),
  });
}
