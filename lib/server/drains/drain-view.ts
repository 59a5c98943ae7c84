import { budgetsOf, indexBudgets } from '@/lib/domain/budget-selection';
import { drainPodOf } from '@/lib/domain/drain-plan';
import { forecastEviction, forecastWords } from '@/lib/domain/eviction-forecast';
import { drainVerdict } from '@/lib/domain/drain-filters';
import type { DrainCounts, DrainPodView, DrainView } from '@/lib/domain/drains';
import type { RetryView } from '@/lib/domain/retries';
import { parseLabelSelector, selectorMatches } from '@/lib/domain/selectors';
import type { BudgetView, NodeView, OwnerView, PodView } from '@/lib/domain/views';

import type { DrainPodRecord, DrainRecord } from '../store/drain-store';

/** What the live model shows of the drain's cluster; undefined while it is not synced. */
export interface DrainModel {
  nodes: readonly NodeView[];
  pods: readonly PodView[];
  budgets: readonly BudgetView[];
  owners: readonly OwnerView[];
}

/**
 * Why a pod with no answer from the cluster yet is waiting, from the live model: its budget's
 * numbers (the queue sends nothing a budget would refuse); null when the model lacks it. The
 * model is indexed once, on the first question.
 */
export function waitingWordsOf(model: DrainModel | undefined): (uid: string) => string | null {
  let index: { pods: Map<string, PodView>; budgets: ReturnType<typeof indexBudgets<BudgetView>> };
  return (uid) => {
    if (model === undefined) return null;
    index ??= {
      pods: new Map(model.pods.map((p) => [p.uid, p])),
      budgets: indexBudgets(model.budgets),
    };
    const pod = index.pods.get(uid);
    if (pod === undefined) return null;
    return `Not sent yet. ${forecastWords(forecastEviction(pod, budgetsOf(pod, index.budgets)))}`;
  };
}

/**
 * The pods on each node that `kubectl drain` would still evict or refuse with the drain's
 * options (DaemonSet pods ignored with the option, mirror pods and pods deleted long ago left).
 */
function leftOnNodes(drain: DrainRecord, model: DrainModel, now: number): Map<string, number> {
  const nodes = new Set(drain.nodes);
  const parsed = parseLabelSelector(drain.options.podSelector);
  const selector = parsed.ok ? parsed.value : null;
  const options = { ...drain.options, skipWaitForDeleteTimeoutSeconds: 0 };
  const left = new Map<string, number>();
  for (const pod of model.pods) {
    if (pod.nodeName === null || !nodes.has(pod.nodeName)) continue;
    if (selector !== null && !selectorMatches(selector, pod.labels)) continue;
    const verdict = drainVerdict(drainPodOf(pod, model.owners), options, now);
    if (verdict.action === 'skip') continue;
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    left.set(pod.nodeName, (left.get(pod.nodeName) ?? 0) + 1);
  }
  return left;
}

function podView(
  p: DrainPodRecord,
  retry: RetryView | undefined,
  waitingWords: (uid: string) => string | null,
): DrainPodView {
  const waiting = p.stage === 'waiting';
  const answer = retry?.lastAnswer?.message ?? p.message;
  return {
    uid: p.uid,
    namespace: p.namespace,
    name: p.name,
    node: p.node,
    owner: p.owner,
    budget: retry?.budget ?? p.budget,
    stage: p.stage,
    retryId: p.retryId,
    attempts: retry?.attempts ?? 0,
    message: waiting ? (answer ?? waitingWords(p.uid)) : p.message,
    nextAttemptAt: waiting ? (retry?.nextAttemptAt ?? null) : null,
    acceptedAt: p.acceptedAt,
    goneAt: p.goneAt,
    readyAt: p.readyAt,
    replaced: p.replaced,
    replacement: p.replacement,
  };
}

function countsOf(pods: readonly DrainPodRecord[]): DrainCounts {
  const count = (f: (p: DrainPodRecord) => boolean) => pods.filter(f).length;
  const given = (p: DrainPodRecord) => p.stage === 'failed' || p.stage === 'cancelled';
  return {
    total: pods.length,
    accepted: count((p) => p.stage === 'accepted' || p.stage === 'gone' || p.stage === 'ready'),
    gone: count((p) => p.stage === 'gone' || p.stage === 'ready'),
    replacements: count((p) => p.replaced && !given(p)),
    ready: count((p) => p.stage === 'ready'),
    failed: count((p) => p.stage === 'failed'),
    cancelled: count((p) => p.stage === 'cancelled'),
  };
}

/**
 * A drain as the API shows it: its stored progress, each pod's retry entry (attempts, the
 * cluster's last answer, next try), and from the live model each node's cordon and whether
 * anything evictable is left on it (safe to power off). Without a synced model no node is
 * called safe.
 */
export function drainView(
  drain: DrainRecord,
  pods: readonly DrainPodRecord[],
  retryOf: (id: number) => RetryView | undefined,
  model: DrainModel | undefined,
  now: number,
): DrainView {
  const left = model === undefined ? undefined : leftOnNodes(drain, model, now);
  const waitingWords = waitingWordsOf(model);
  return {
    id: drain.id,
    cluster: drain.cluster,
    state: drain.state,
    request: drain.options,
    who: drain.who,
    createdAt: drain.createdAt,
    updatedAt: drain.updatedAt,
    deadline: drain.deadline,
    endedAt: drain.endedAt,
    reason: drain.reason,
    nodes: drain.nodes.map((name) => {
      const node = model?.nodes.find((n) => n.name === name);
      const remaining = pods.filter(
        (p) => p.node === name && (p.stage === 'waiting' || p.stage === 'accepted'),
      ).length;
      return {
        name,
        isCordoned: node?.isCordoned ?? false,
        left: remaining,
        safeToPowerOff: left !== undefined && node !== undefined && (left.get(name) ?? 0) === 0,
      };
    }),
    pods: pods.map((p) =>
      podView(p, p.retryId === null ? undefined : retryOf(p.retryId), waitingWords),
    ),
    counts: countsOf(pods),
    left: drain.left,
  };
}
