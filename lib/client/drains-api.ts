import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { z } from 'zod';

import {
  DrainPlanSchema,
  DrainViewSchema,
  isDrainOver,
  type DrainPlan,
  type DrainRequestInput,
  type DrainView,
} from '@/lib/domain/drains';

import { ApiError } from './evictions';

const seg = encodeURIComponent;

/** `/api/clusters/{c}/drains` (list, start) and `…/drains/plan`. */
export function drainsUrl(cluster: string): string {
  return `/api/clusters/${seg(cluster)}/drains`;
}

/** `/api/clusters/{c}/drains/{id}` (GET, DELETE to stop). */
export function drainUrl(cluster: string, id: number): string {
  return `${drainsUrl(cluster)}/${id}`;
}

/** `/api/clusters/{c}/nodes/{node}/cordon` or `…/uncordon`. */
export function cordonUrl(cluster: string, node: string, isCordon: boolean): string {
  return `/api/clusters/${seg(cluster)}/nodes/${seg(node)}/${isCordon ? 'cordon' : 'uncordon'}`;
}

/** The drain's page in the dashboard. */
export function drainHref(cluster: string, id: number): string {
  return `/clusters/${seg(cluster)}/drains/${id}`;
}

/** Query keys of the drains, by cluster. */
export const drainKeys = {
  all: ['drains'] as const,
  cluster: (cluster: string) => [...drainKeys.all, cluster] as const,
  list: (cluster: string) => [...drainKeys.cluster(cluster), 'list'] as const,
  detail: (cluster: string, id: number) => [...drainKeys.cluster(cluster), 'detail', id] as const,
  plan: (cluster: string, request: DrainRequestInput) =>
    [...drainKeys.cluster(cluster), 'plan', request] as const,
};

/** A drain start the server refused (409): kubectl's errors or a missing node, with the plan. */
export class DrainRefusedError extends ApiError {
  constructor(
    message: string,
    readonly plan: DrainPlan | null,
  ) {
    super(409, message);
    this.name = 'DrainRefusedError';
  }
}

const ProblemSchema = z.object({
  error: z.string().optional(),
  message: z.string(),
  plan: DrainPlanSchema.optional(),
});

/**
 * Sends a request and parses a 2xx answer with `schema`. Any other answer throws an
 * {@link ApiError} carrying the HTTP status and the server's own message when it gave one.
 * Mutating requests carry `Content-Type: application/json`, as the server requires.
 */
async function send<T>(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  const res = await fetch(url, {
    method,
    headers:
      method === 'GET'
        ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const problem = ProblemSchema.safeParse(json);
    if (!problem.success) throw new ApiError(res.status, `${method} ${url} answered ${res.status}`);
    if (res.status === 409 && problem.data.error === 'refused') {
      throw new DrainRefusedError(problem.data.message, problem.data.plan ?? null);
    }
    throw new ApiError(res.status, problem.data.message);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiError(res.status, `${method} ${url} answered an unreadable body`);
  return parsed.data;
}

/** The plan of a drain: nothing in the cluster changes to make it (dry-run evictions only). */
export function fetchDrainPlan(cluster: string, request: DrainRequestInput): Promise<DrainPlan> {
  return send('POST', `${drainsUrl(cluster)}/plan`, DrainPlanSchema, request);
}

/** Starts a drain (202); a refusal throws a {@link DrainRefusedError}. */
export function startDrain(cluster: string, request: DrainRequestInput): Promise<DrainView> {
  return send('POST', drainsUrl(cluster), DrainViewSchema, request);
}

const DrainListSchema = z.object({ drains: z.array(DrainViewSchema) });

/** The cluster's recent drains, newest first. */
export async function fetchDrains(cluster: string): Promise<DrainView[]> {
  return (await send('GET', drainsUrl(cluster), DrainListSchema)).drains;
}

export function fetchDrain(cluster: string, id: number): Promise<DrainView> {
  return send('GET', drainUrl(cluster, id), DrainViewSchema);
}

/** Stops a drain: pending evictions are cancelled, the nodes stay cordoned (409 when over). */
export function stopDrain(cluster: string, id: number): Promise<DrainView> {
  return send('DELETE', drainUrl(cluster, id), DrainViewSchema);
}

const CordonAnswerSchema = z.object({
  node: z.string(),
  isCordoned: z.boolean(),
  /** kubectl's words: `node/node-3 cordoned`, `… already cordoned`, `… uncordoned`. */
  message: z.string(),
});
export type CordonAnswer = z.infer<typeof CordonAnswerSchema>;

/** Cordons (or uncordons) one node; the answer carries kubectl's words. */
export function setCordon(cluster: string, node: string, isCordon: boolean): Promise<CordonAnswer> {
  return send('POST', cordonUrl(cluster, node, isCordon), CordonAnswerSchema);
}

/** Never retried: a 4xx stays a 4xx, and a plan asks the cluster for dry runs. */
const noRetryOn4xx = (count: number, error: Error) =>
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2;

/** The plan for a request; planned again when the request changes or on demand. */
export const drainPlanQuery = (cluster: string, request: DrainRequestInput) =>
  queryOptions({
    queryKey: drainKeys.plan(cluster, request),
    queryFn: () => fetchDrainPlan(cluster, request),
    staleTime: Infinity,
    gcTime: 60_000,
    retry: noRetryOn4xx,
  });

export function useDrainPlan(cluster: string, request: DrainRequestInput | null) {
  return useQuery({
    ...drainPlanQuery(cluster, request ?? { nodes: [] }),
    enabled: request !== null && request.nodes.length > 0,
  });
}

/** Polled: the live stream does not carry drains. Every second while one runs. */
export const drainsQuery = (cluster: string) =>
  queryOptions({
    queryKey: drainKeys.list(cluster),
    queryFn: () => fetchDrains(cluster),
    staleTime: 0,
    placeholderData: keepPreviousData,
    retry: noRetryOn4xx,
    refetchInterval: (query) =>
      (query.state.data ?? []).some((d) => !isDrainOver(d.state)) ? 1_000 : 10_000,
  });

export function useDrains(cluster: string) {
  return useQuery(drainsQuery(cluster));
}

/** One drain, polled every second until it is over. */
export const drainQuery = (cluster: string, id: number) =>
  queryOptions({
    queryKey: drainKeys.detail(cluster, id),
    queryFn: () => fetchDrain(cluster, id),
    staleTime: 0,
    retry: noRetryOn4xx,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data !== undefined && isDrainOver(data.state) ? false : 1_000;
    },
  });

export function useDrain(cluster: string, id: number) {
  return useQuery(drainQuery(cluster, id));
}

/** Starts a drain; the list is new afterwards. */
export function useStartDrain(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: DrainRequestInput) => startDrain(cluster, request),
    onSuccess: (view) => client.setQueryData(drainKeys.detail(cluster, view.id), view),
    onSettled: () => client.invalidateQueries({ queryKey: drainKeys.list(cluster) }),
  });
}

/** Stops a drain; its page shows the answer at once. */
export function useStopDrain(cluster: string, id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => stopDrain(cluster, id),
    onSuccess: (view) => client.setQueryData(drainKeys.detail(cluster, id), view),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: drainKeys.detail(cluster, id) }),
        client.invalidateQueries({ queryKey: drainKeys.list(cluster) }),
      ]),
  });
}

/** Cordon or uncordon; the node's new state arrives on the live stream, drains may change. */
export function useCordon(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ node, isCordon }: { node: string; isCordon: boolean }) =>
      setCordon(cluster, node, isCordon),
    onSettled: () => client.invalidateQueries({ queryKey: drainKeys.cluster(cluster) }),
  });
}
