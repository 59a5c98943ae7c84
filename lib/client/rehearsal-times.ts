import { MAX_SECONDS, type RehearsalBody } from '@/lib/domain/rehearsals';
import type { OwnerView, PodView } from '@/lib/domain/views';

import { compareText } from './compare-text';

/** The times a rehearsal takes per workload, as the form names them. */
export const TIME_FIELDS = ['start', 'ready', 'shutdown'] as const;
export type TimeField = (typeof TIME_FIELDS)[number];

/** A workload a rehearsal copies, keyed as the route's `timings`: `namespace/Kind/name`. */
export interface RehearsalWorkload {
  key: string;
  pods: number;
}

/** What the form holds per workload key: each field's text as typed. */
export type TimeInputs = Readonly<Record<string, Readonly<Partial<Record<TimeField, string>>>>>;

const keyOf = (namespace: string, kind: string, name: string) => `${namespace}/${kind}/${name}`;

/** Deployments, StatefulSets, DaemonSets and ReplicaSets no controller owns: what a copy has. */
const isCopied = (o: OwnerView) => o.kind !== 'ReplicaSet' || o.owner === null;

/** The copied workload a pod counts for: a ReplicaSet owned by a Deployment is the Deployment. */
function workloadOfPod(pod: PodView, owners: ReadonlyMap<string, OwnerView>): string | undefined {
  const ref = pod.owner;
  if (ref === null) return undefined;
  const owner = owners.get(ref.uid);
  if (owner === undefined) {
    const direct = ref.kind === 'StatefulSet' || ref.kind === 'DaemonSet';
    return direct ? keyOf(pod.namespace, ref.kind, ref.name) : undefined;
  }
  if (isCopied(owner)) return keyOf(owner.namespace, owner.kind, owner.name);
  return owner.owner?.kind === 'Deployment'
    ? keyOf(owner.namespace, 'Deployment', owner.owner.name)
    : undefined;
}

/**
 * The workloads a rehearsal of the live model copies, sorted by key, each with how many of its
 * pods there are now. A ReplicaSet another controller owns is no workload of its own.
 */
export function rehearsalWorkloads(
  owners: ReadonlyMap<string, OwnerView>,
  pods: ReadonlyMap<string, PodView>,
): RehearsalWorkload[] {
  const counts = new Map<string, number>();
  for (const o of owners.values()) {
    if (isCopied(o)) counts.set(keyOf(o.namespace, o.kind, o.name), 0);
  }
  for (const pod of pods.values()) {
    const key = workloadOfPod(pod, owners);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, n]) => ({ key, pods: n }))
    .sort((a, b) => compareText(a.key, b.key));
}

/** A field's text: null when empty, a number of seconds, or undefined unless a whole 0–600. */
export function readSeconds(text: string | undefined): number | null | undefined {
  const s = (text ?? '').trim();
  if (s === '') return null;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= MAX_SECONDS ? n : undefined;
}

/**
 * The request body of the form: only the fields given, only workloads `listed` now with one
 * (`{}` when none); `invalid` lists `key` for each of them with a field that is not a whole
 * 0–600. Times typed for a workload gone since are left out, as no row is left to correct them.
 */
export function rehearsalBody(
  inputs: TimeInputs,
  listed: ReadonlySet<string>,
): { body: RehearsalBody; invalid: string[] } {
  const timings: NonNullable<RehearsalBody['timings']> = {};
  const invalid: string[] = [];
  for (const [key, fields] of Object.entries(inputs)) {
    if (!listed.has(key)) continue;
    const times: Partial<Record<`${TimeField}Seconds`, number>> = {};
    for (const field of TIME_FIELDS) {
      const seconds = readSeconds(fields[field]);
      if (seconds === undefined) invalid.push(key);
      else if (seconds !== null) times[`${field}Seconds`] = seconds;
    }
    if (Object.keys(times).length > 0) timings[key] = times;
  }
  const body = Object.keys(timings).length > 0 ? { timings } : {};
  return { body, invalid: [...new Set(invalid)] };
}
