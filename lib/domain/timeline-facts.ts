import type { FactTimeSource, TimelineFact } from './timelines';
import type { ConditionView, PodView } from './views';

/**
 * The facts of a termination timeline that a pod view shows, each under the key it is recorded
 * once by. Times come from the cluster where the view carries one (a condition's transition,
 * the deletion timestamp, a container's start or finish); otherwise a fact seen as it happens
 * (`live`) has the time it was seen, and one found afterwards (`catch-up`, after the dashboard
 * was away) has no time: it is marked not observed rather than given an invented one.
 */

/** How a fact was come by: seen as it happened, or found afterwards. */
export type FactMode = 'live' | 'catch-up';

/** A fact and the key it is recorded once by. */
export interface KeyedFact {
  readonly key: string;
  readonly fact: TimelineFact;
}

type When = { time: string | null; source: FactTimeSource };

/** The cluster's time when there is one, else the time seen (live) or none (catch-up). */
export function whenOf(clusterTime: string | null, mode: FactMode, now: number): When {
  if (clusterTime !== null) return { time: clusterTime, source: 'cluster' };
  return mode === 'live'
    ? { time: new Date(now).toISOString(), source: 'observed' }
    : { time: null, source: 'not-observed' };
}

const condition = (pod: PodView, type: string): ConditionView | undefined =>
  pod.conditions.find((c) => c.type === type);

/** The DisruptionTarget condition, when True. */
export function disruptionTarget(pod: PodView): ConditionView | undefined {
  const c = condition(pod, 'DisruptionTarget');
  return c?.status === 'True' ? c : undefined;
}

/** The pod is on its way out: deleting, or marked as a disruption target. */
export function isGoing(pod: PodView): boolean {
  return pod.deletionTimestamp !== null || disruptionTarget(pod) !== undefined;
}

/** When the API server started the deletion: the deletion timestamp minus the grace period. */
export function deletionStart(pod: PodView): string | null {
  if (pod.deletionTimestamp === null) return null;
  const grace = pod.deletionGracePeriodSeconds ?? 0;
  return new Date(Date.parse(pod.deletionTimestamp) - grace * 1000).toISOString();
}

/** The facts a going pod's view shows about its own termination (none for a pod not going). */
export function podFacts(pod: PodView, mode: FactMode, now: number): KeyedFact[] {
  if (!isGoing(pod)) return [];
  const facts: KeyedFact[] = [];
  const target = disruptionTarget(pod);
  if (target !== undefined) {
    facts.push({
      key: 'disruption-target',
      fact: {
        kind: 'disruption-target',
        ...whenOf(target.lastTransitionTime, mode, now),
        reason: target.reason,
        message: target.message,
      },
    });
  }
  const started = deletionStart(pod);
  if (started !== null && pod.deletionTimestamp !== null) {
    facts.push({
      key: 'deletion-started',
      fact: {
        kind: 'deletion-started',
        time: started,
        source: 'cluster',
        deadline: pod.deletionTimestamp,
        gracePeriodSeconds: pod.deletionGracePeriodSeconds ?? 0,
      },
    });
  }
  const ready = condition(pod, 'Ready');
  if (ready !== undefined && ready.status !== 'True') {
    facts.push({
      key: 'not-ready',
      fact: { kind: 'not-ready', ...whenOf(ready.lastTransitionTime, mode, now) },
    });
  }
  if (pod.deletionTimestamp === null) return facts;
  for (const c of pod.containers) {
    if (c.state !== 'terminated') continue;
    facts.push({
      key: `container-terminated:${c.name}`,
      fact: {
        kind: 'container-terminated',
        ...whenOf(c.finishedAt, mode, now),
        container: c.name,
        exitCode: c.exitCode,
        reason: c.reason,
      },
    });
  }
  const { phase } = pod;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (terminal) {
    facts.push({
      key: 'terminal-phase',
      fact: { kind: 'terminal-phase', ...whenOf(null, mode, now), phase },
    });
  }
  const stopped = pod.containers.every((c) => c.state === 'terminated');
  if (pod.finalizers.length > 0 && (terminal || stopped)) {
    facts.push({
      key: 'finalizers',
      fact: { kind: 'finalizers', ...whenOf(null, mode, now), finalizers: [...pod.finalizers] },
    });
  }
  return facts;
}

/** What a replacement must match: its controller, when the pod went, and for some kinds more. */
export interface Awaited {
  readonly ownerUid: string;
  /** RFC 3339: when the pod started to go. */
  readonly since: string;
  /** A StatefulSet recreates the pod under its own name. */
  readonly name?: string;
  /** A DaemonSet's replacement runs on the same node. */
  readonly node?: string;
}

/**
 * Whether `candidate` can replace a pod that went: same controller, not going itself, created
 * since then; for a StatefulSet the same name, for a DaemonSet the same node.
 */
export function isReplacementOf(candidate: PodView, awaited: Awaited): boolean {
  if (candidate.owner?.uid !== awaited.ownerUid) return false;
  if (candidate.createdAt === null || isGoing(candidate)) return false;
  if (awaited.name !== undefined && candidate.name !== awaited.name) return false;
  if (awaited.node !== undefined && candidate.nodeName !== awaited.node) return false;
  // Timestamps are whole seconds in most clusters: a replacement created in the same second counts.
  return Date.parse(candidate.createdAt) >= Date.parse(awaited.since) - 1000;
}

/** When a going pod started to go: its DisruptionTarget, else its deletion start. */
export function goingSince(pod: PodView): string | null {
  return disruptionTarget(pod)?.lastTransitionTime ?? deletionStart(pod);
}

/** The facts a replacement's view shows: created, scheduled, Running, Ready. */
export function replacementFacts(pod: PodView, mode: FactMode, now: number): KeyedFact[] {
  const base = { pod: pod.name, uid: pod.uid, node: pod.nodeName };
  const facts: KeyedFact[] = [
    {
      key: 'replacement-created',
      fact: { kind: 'replacement-created', ...whenOf(pod.createdAt, mode, now), ...base },
    },
  ];
  const scheduled = condition(pod, 'PodScheduled');
  if (scheduled?.status === 'True' || pod.nodeName !== null) {
    facts.push({
      key: 'replacement-scheduled',
      fact: {
        kind: 'replacement-scheduled',
        ...whenOf(scheduled?.lastTransitionTime ?? null, mode, now),
        ...base,
      },
    });
  }
  const starts = pod.containers.flatMap((c) => (c.startedAt === null ? [] : [c.startedAt]));
  if (pod.phase === 'Running' || starts.length > 0) {
    const first = starts.sort()[0] ?? null;
    facts.push({
      key: 'replacement-running',
      fact: { kind: 'replacement-running', ...whenOf(first, mode, now), ...base },
    });
  }
  const ready = condition(pod, 'Ready');
  if (ready?.status === 'True') {
    facts.push({
      key: 'replacement-ready',
      fact: { kind: 'replacement-ready', ...whenOf(ready.lastTransitionTime, mode, now), ...base },
    });
  }
  return facts;
}
