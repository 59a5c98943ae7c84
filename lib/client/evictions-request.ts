import type { EvictionRequest } from '@/lib/domain/eviction-outcome';
import { confirmationProblem } from '@/lib/domain/pod-deletion';

import { EVICT_ENGLISH, type EvictT } from './evictions-words';

/** The Evict dialog's options as the operator typed them. */
export interface EvictOptionsInput {
  /** The grace period field's text; empty means the pod's own `terminationGracePeriodSeconds`. */
  readonly gracePeriod: string;
  readonly keepRetrying: boolean;
}

export const NO_OPTIONS: EvictOptionsInput = { gracePeriod: '', keepRetrying: false };

/** A grace period field read: none, a whole number of seconds ≥ 1, or why it is not one. */
export type GraceRead =
  | { readonly ok: true; readonly seconds: number | null }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads the grace period field. 0 (kill at once) is not offered: the route refuses it, as an
 * eviction with grace 0 skips the pod's graceful shutdown.
 */
export function readGracePeriod(text: string, t: EvictT = EVICT_ENGLISH): GraceRead {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, seconds: null };
  if (!/^\d+$/.test(trimmed)) {
    return { ok: false, problem: t('grace.whole') };
  }
  const seconds = Number(trimmed);
  if (seconds < 1 || !Number.isSafeInteger(seconds)) {
    return { ok: false, problem: t('grace.atLeastOne') };
  }
  return { ok: true, seconds };
}

/**
 * The body of `POST …/eviction` for the pod of `uid` with the dialog's options; null when the
 * options are not valid. Fields are only set when they say something.
 */
export function evictionRequest(
  uid: string,
  options: EvictOptionsInput,
  dryRun = false,
): EvictionRequest | null {
  const grace = readGracePeriod(options.gracePeriod);
  if (!grace.ok) return null;
  return {
    uid,
    ...(dryRun ? { dryRun: true } : {}),
    ...(grace.seconds === null ? {} : { gracePeriodSeconds: grace.seconds }),
    ...(options.keepRetrying && !dryRun ? { retry: true } : {}),
  };
}

/** Whether the typed confirmation is the pod's name, exactly, as the delete route checks it. */
export function isDeleteConfirmed(podName: string, typed: string): boolean {
  return confirmationProblem(podName, typed) === null;
}

/** A pod as the actions address it. */
export interface PodTarget {
  readonly cluster: string;
  readonly namespace: string;
  readonly pod: string;
  readonly uid: string;
}

const seg = encodeURIComponent;

/** `/api/clusters/{c}/namespaces/{ns}/pods/{pod}/{action}`, every name percent-encoded. */
export function podActionUrl(target: PodTarget, action: 'eviction' | 'delete'): string {
  const { cluster, namespace, pod } = target;
  return `/api/clusters/${seg(cluster)}/namespaces/${seg(namespace)}/pods/${seg(pod)}/${action}`;
}

/** `/api/clusters/{c}/attempts?namespace=&pod=&limit=`. */
export function attemptsUrl(cluster: string, namespace: string, pod: string, limit = 20): string {
  const query = new URLSearchParams({ namespace, pod, limit: String(limit) });
  return `/api/clusters/${seg(cluster)}/attempts?${query.toString()}`;
}

/** `/api/clusters/{c}/access?namespace=NS`. */
export function accessUrl(cluster: string, namespace: string): string {
  return `/api/clusters/${seg(cluster)}/access?${new URLSearchParams({ namespace }).toString()}`;
}

/** The pod's page in the dashboard. */
export function podHref(cluster: string, namespace: string, pod: string): string {
  return `/clusters/${seg(cluster)}/pods/${seg(namespace)}/${seg(pod)}`;
}

/**
 * The same eviction with kubectl, for the operator's terminal: the Eviction object POSTed to
 * the pod's `eviction` subresource, with the UID precondition the dashboard also sets.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#calling-the-eviction-api
 */
export function kubectlEviction(target: PodTarget, request: EvictionRequest): string {
  const deleteOptions = {
    preconditions: { uid: request.uid },
    ...(request.gracePeriodSeconds === undefined
      ? {}
      : { gracePeriodSeconds: request.gracePeriodSeconds }),
    ...(request.dryRun === true ? { dryRun: ['All'] } : {}),
  };
  const eviction = {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: target.pod, namespace: target.namespace },
    deleteOptions,
  };
  const path = `/api/v1/namespaces/${target.namespace}/pods/${target.pod}/eviction`;
  return `kubectl create --raw ${path} -f - <<'EOF'\n${JSON.stringify(eviction)}\nEOF`;
}
