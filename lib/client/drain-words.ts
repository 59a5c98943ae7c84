import type {
  BudgetWait,
  DrainPlan,
  DrainPodView,
  DrainStage,
  DrainState,
  DrainView,
  DryRunVerdict,
  PlanPod,
} from '@/lib/domain/drains';
import type { StuckItem } from '@/lib/domain/retries';

import type { Tone } from './pod-status';

/** A state in one word (or a few) with its colour, and what qualifies it. */
export interface StateWords {
  readonly label: string;
  readonly tone: Tone;
  readonly detail: string | null;
}

const words = (label: string, tone: Tone, detail: string | null = null): StateWords => ({
  label,
  tone,
  detail,
});

/**
 * `namespace/name` of a budget the cluster named: its messages name the budget alone, and a
 * PodDisruptionBudget only selects pods of its own namespace.
 */
export const budgetRef = (namespace: string, budget: string): string =>
  budget.includes('/') ? budget : `${namespace}/${budget}`;

/** A drain's state as its badge says it (ui.md: in progress blue, complete green). */
export function drainStateWords(state: DrainState): StateWords {
  switch (state) {
    case 'running':
      return words('Draining', 'progress');
    case 'drained':
      return words('Drained', 'waiting', 'replacements not Ready yet');
    case 'complete':
      return words('Complete', 'healthy');
    case 'stopped':
      return words('Stopped', 'inactive');
    case 'timed-out':
      return words('Timed out', 'failed');
    case 'failed':
      return words('Failed', 'failed');
    default: {
      const unknown: never = state;
      throw new Error(`unknown drain state ${String(unknown)}`);
    }
  }
}

/** Where a pod of a drain is, in the UI's words. */
export function drainStageWords(
  pod: Pick<DrainPodView, 'namespace' | 'stage' | 'budget' | 'replaced'>,
) {
  const stage: DrainStage = pod.stage;
  switch (stage) {
    case 'waiting':
      return pod.budget === null
        ? words('Waiting', 'waiting', 'eviction not accepted yet')
        : words('Waiting on budget', 'waiting', budgetRef(pod.namespace, pod.budget));
    case 'accepted':
      return words('Terminating', 'progress', 'eviction accepted');
    case 'gone':
      return pod.replaced
        ? words('Gone', 'waiting', 'replacement starting')
        : words('Gone', 'healthy');
    case 'ready':
      return words('Replacement ready', 'healthy');
    case 'failed':
      return words('Failed', 'failed');
    case 'cancelled':
      return words('Cancelled', 'inactive');
    default: {
      const unknown: never = stage;
      throw new Error(`unknown drain stage ${String(unknown)}`);
    }
  }
}

const SKIP_WHY: Record<NonNullable<PlanPod['skipWhy']>, string> = {
  'deleted-long-ago': 'deleted long ago',
  daemonset: 'DaemonSet-managed',
  mirror: 'mirror pod (static)',
};

/** What kubectl drain does with a pod of the plan: Evict, Skip or Refuse. */
export function planActionWords(pod: Pick<PlanPod, 'action' | 'skipWhy'>): StateWords {
  switch (pod.action) {
    case 'evict':
      return words('Evict', 'progress');
    case 'skip':
      return words('Skip', 'inactive', pod.skipWhy === null ? null : SKIP_WHY[pod.skipWhy]);
    case 'refuse':
      return words('Refuse', 'failed');
    default: {
      const unknown: never = pod.action;
      throw new Error(`unknown plan action ${String(unknown)}`);
    }
  }
}

/**
 * The cluster's answer to a dry-run eviction of a pod of `namespace`; null: not asked (the pod
 * is not evicted).
 */
export function dryRunWords(dryRun: DryRunVerdict | null, namespace: string): StateWords {
  if (dryRun === null) return words('Not asked', 'inactive');
  switch (dryRun.verdict) {
    case 'would-pass':
      return words('Would pass', 'healthy');
    case 'blocked':
      return words(
        dryRun.budget === null
          ? 'Blocked by budget'
          : `Blocked by budget ${budgetRef(namespace, dryRun.budget)}`,
        'waiting',
      );
    case 'several-budgets':
      return words('Several budgets: the API server answers 500', 'failed');
    case 'other':
      return dryRun.code === null
        ? words('No answer', 'failed')
        : words(`The cluster answers ${dryRun.code}`, 'failed');
    default: {
      const unknown: never = dryRun.verdict;
      throw new Error(`unknown verdict ${String(unknown)}`);
    }
  }
}

/** "3 of 5": 0 stays 0. */
export const progressText = (done: number, total: number): string => `${done} of ${total}`;

/** "Drain #12 — node-3" (nodes joined with commas). */
export function drainTitle(drain: Pick<DrainView, 'id'> & { nodes: { name: string }[] }): string {
  return `Drain #${drain.id} — ${drain.nodes.map((n) => n.name).join(', ')}`;
}

/** "Drain plan for node-1, node-3". */
export const planTitle = (nodes: readonly string[]): string => `Drain plan for ${nodes.join(', ')}`;

const pods = (n: number) => `${n} pod${n === 1 ? '' : 's'}`;

/** The pods still waiting for their eviction, grouped by the budget they wait on. */
export interface WaitingGroup {
  readonly budget: string;
  readonly pods: readonly string[];
  /** "Waiting on budget shop/api: 1 pod". */
  readonly text: string;
}

/** The waiting pods grouped by budget, the largest group first (then by name). */
export function waitingByBudget(drainPods: readonly DrainPodView[]): WaitingGroup[] {
  const groups = new Map<string, string[]>();
  for (const pod of drainPods) {
    if (pod.stage !== 'waiting' || pod.budget === null) continue;
    const budget = budgetRef(pod.namespace, pod.budget);
    const list = groups.get(budget) ?? [];
    list.push(`${pod.namespace}/${pod.name}`);
    groups.set(budget, list);
  }
  return [...groups]
    .map(([budget, list]) => ({
      budget,
      pods: list,
      text: `Waiting on budget ${budget}: ${pods(list.length)}`,
    }))
    .sort((a, b) => b.pods.length - a.pods.length || a.budget.localeCompare(b.budget));
}

/** "Still pending: shop/api-xyz — The disruption budget api needs 2 healthy pods…". */
export const leftText = (left: DrainView['left'][number]): string =>
  `Still pending: ${left.namespace}/${left.name} — ${left.why}`;

/** The budget simulation of a plan, per budget, in sentences. */
export function budgetWaitWords(budget: BudgetWait): {
  headline: StateWords;
  lines: string[];
  never: string | null;
} {
  const headline = !budget.canFinish
    ? words('Never finishes', 'failed')
    : budget.waiting > 0
      ? words(
          'Waits for replacements',
          'waiting',
          `${budget.rounds} round${budget.rounds === 1 ? '' : 's'}`,
        )
      : words('Room for all', 'healthy');
  return {
    headline,
    lines: [
      `Allowed now: ${budget.allowedNow}`,
      `Pods at once: ${budget.atOnce} of ${budget.pods.length}`,
      `Pods waiting for replacements: ${budget.waiting}`,
    ],
    never: budget.canFinish ? null : `can never finish: ${budget.why ?? 'no reason given'}`,
  };
}

/**
 * When a pod's eviction passes in the budget simulation: wave 1 at once, wave n after n − 1
 * rounds of replacements become Ready, null never.
 */
export function waveWords(wave: number | null): string {
  if (wave === null) return 'never passes';
  if (wave <= 1) return 'at once';
  const rounds = wave - 1;
  return `wave ${wave}: after ${rounds} round${rounds === 1 ? '' : 's'} of replacements`;
}

/** Why Start drain is disabled; null when it is not. */
export function startBlockedReason(plan: Pick<DrainPlan, 'canStart' | 'problems' | 'errors'>) {
  if (plan.canStart) return null;
  const first = plan.problems[0] ?? plan.errors[0];
  return first === undefined
    ? 'kubectl drain refuses some pods of this plan.'
    : `kubectl drain refuses this plan: ${first}`;
}

/**
 * What changed in a drain between two polls, in one sentence for a polite status region: its
 * state, and nodes that became safe to power off. null when nothing worth saying changed.
 */
export function drainChangeWords(before: DrainView | null, after: DrainView): string | null {
  const sentences: string[] = [];
  if (before === null || before.state !== after.state) {
    const state = drainStateWords(after.state);
    const reason = after.reason === null ? '' : ` ${after.reason}`;
    sentences.push(`Drain #${after.id}: ${state.label}.${reason}`);
  }
  const wasSafe = new Set(before?.nodes.filter((n) => n.safeToPowerOff).map((n) => n.name) ?? []);
  for (const node of after.nodes) {
    if (node.safeToPowerOff && !wasSafe.has(node.name)) {
      sentences.push(`${node.name} is safe to power off.`);
    }
  }
  return sentences.length === 0 ? null : sentences.join(' ');
}

/** The stuck items about the drain's pods: those whose retry entry is one of the drain's. */
export function stuckOfDrain(
  stuck: readonly StuckItem[],
  drainPods: readonly Pick<DrainPodView, 'retryId'>[],
): StuckItem[] {
  const ids = new Set(drainPods.flatMap((p) => (p.retryId === null ? [] : [p.retryId])));
  return stuck.filter((item) => item.retryId !== null && ids.has(item.retryId));
}
