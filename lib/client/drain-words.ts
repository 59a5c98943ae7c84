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

import { english, type WordsT } from './english';
import type { Tone } from './pod-status';

/** The `DrainWords` messages in the interface's language (`useTranslations('DrainWords')`). */
export type DrainT = WordsT<'DrainWords'>;

const ENGLISH = english('DrainWords');

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
export function drainStateWords(state: DrainState, t: DrainT = ENGLISH): StateWords {
  switch (state) {
    case 'running':
      return words(t('state.running'), 'progress');
    case 'drained':
      return words(t('state.drained'), 'waiting', t('state.drainedDetail'));
    case 'complete':
      return words(t('state.complete'), 'healthy');
    case 'stopped':
      return words(t('state.stopped'), 'inactive');
    case 'timed-out':
      return words(t('state.timedOut'), 'failed');
    case 'failed':
      return words(t('state.failed'), 'failed');
    default: {
      const unknown: never = state;
      throw new Error(`unknown drain state ${String(unknown)}`);
    }
  }
}

/** Where a pod of a drain is, in the UI's words. */
export function drainStageWords(
  pod: Pick<DrainPodView, 'namespace' | 'stage' | 'budget' | 'replaced'>,
  t: DrainT = ENGLISH,
) {
  const stage: DrainStage = pod.stage;
  switch (stage) {
    case 'waiting':
      return pod.budget === null
        ? words(t('stage.waiting'), 'waiting', t('stage.notAccepted'))
        : words(t('stage.waitingOnBudget'), 'waiting', budgetRef(pod.namespace, pod.budget));
    case 'accepted':
      return words(t('stage.terminating'), 'progress', t('stage.accepted'));
    case 'gone':
      return pod.replaced
        ? words(t('stage.gone'), 'waiting', t('stage.replacementStarting'))
        : words(t('stage.gone'), 'healthy');
    case 'ready':
      return words(t('stage.replacementReady'), 'healthy');
    case 'failed':
      return words(t('stage.failed'), 'failed');
    case 'cancelled':
      return words(t('stage.cancelled'), 'inactive');
    default: {
      const unknown: never = stage;
      throw new Error(`unknown drain stage ${String(unknown)}`);
    }
  }
}

/** What kubectl drain does with a pod of the plan: Evict, Skip or Refuse. */
export function planActionWords(
  pod: Pick<PlanPod, 'action' | 'skipWhy'>,
  t: DrainT = ENGLISH,
): StateWords {
  switch (pod.action) {
    case 'evict':
      return words(t('action.evict'), 'progress');
    case 'skip':
      return words(
        t('action.skip'),
        'inactive',
        pod.skipWhy === null ? null : t(`skip.${pod.skipWhy}`),
      );
    case 'refuse':
      return words(t('action.refuse'), 'failed');
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
export function dryRunWords(
  dryRun: DryRunVerdict | null,
  namespace: string,
  t: DrainT = ENGLISH,
): StateWords {
  if (dryRun === null) return words(t('dryRun.notAsked'), 'inactive');
  switch (dryRun.verdict) {
    case 'would-pass':
      return words(t('dryRun.wouldPass'), 'healthy');
    case 'blocked':
      return words(
        dryRun.budget === null
          ? t('dryRun.blocked')
          : t('dryRun.blockedBy', { budget: budgetRef(namespace, dryRun.budget) }),
        'waiting',
      );
    case 'several-budgets':
      return words(t('dryRun.several'), 'failed');
    case 'other':
      return dryRun.code === null
        ? words(t('dryRun.noAnswer'), 'failed')
        : words(t('dryRun.answers', { code: String(dryRun.code) }), 'failed');
    default: {
      const unknown: never = dryRun.verdict;
      throw new Error(`unknown verdict ${String(unknown)}`);
    }
  }
}

/** "3 of 5": 0 stays 0. */
export const progressText = (done: number, total: number, t: DrainT = ENGLISH): string =>
  t('progress', { done, total });

/** "Drain #12 — node-3" (nodes joined with commas). */
export function drainTitle(
  drain: Pick<DrainView, 'id'> & { nodes: { name: string }[] },
  t: DrainT = ENGLISH,
): string {
  return t('drainTitle', {
    id: String(drain.id),
    nodes: drain.nodes.map((n) => n.name).join(', '),
  });
}

/** "Drain plan for node-1, node-3". */
export const planTitle = (nodes: readonly string[], t: DrainT = ENGLISH): string =>
  t('planTitle', { nodes: nodes.join(', ') });

/** The pods still waiting for their eviction, grouped by the budget they wait on. */
export interface WaitingGroup {
  readonly budget: string;
  readonly pods: readonly string[];
  /** "Waiting on budget shop/api: 1 pod". */
  readonly text: string;
}

/** The waiting pods grouped by budget, the largest group first (then by name). */
export function waitingByBudget(
  drainPods: readonly DrainPodView[],
  t: DrainT = ENGLISH,
): WaitingGroup[] {
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
      text: t('waitingOnBudget', { budget, count: list.length }),
    }))
    .sort((a, b) => b.pods.length - a.pods.length || a.budget.localeCompare(b.budget));
}

/** "Still pending: shop/api-xyz — The disruption budget api needs 2 healthy pods…". */
export const leftText = (left: DrainView['left'][number], t: DrainT = ENGLISH): string =>
  t('stillPending', { pod: `${left.namespace}/${left.name}`, why: left.why });

/** The budget simulation of a plan, per budget, in sentences. */
export function budgetWaitWords(
  budget: BudgetWait,
  t: DrainT = ENGLISH,
): {
  headline: StateWords;
  lines: string[];
  never: string | null;
} {
  const headline = !budget.canFinish
    ? words(t('budget.never'), 'failed')
    : budget.waiting > 0
      ? words(t('budget.waits'), 'waiting', t('budget.rounds', { count: budget.rounds }))
      : words(t('budget.room'), 'healthy');
  return {
    headline,
    lines: [
      t('budget.allowedNow', { count: budget.allowedNow }),
      t('budget.atOnce', { atOnce: budget.atOnce, total: budget.pods.length }),
      t('budget.waiting', { count: budget.waiting }),
    ],
    never: budget.canFinish
      ? null
      : t('budget.canNever', { why: budget.why ?? t('budget.noReason') }),
  };
}

/**
 * When a pod's eviction passes in the budget simulation: wave 1 at once, wave n after n − 1
 * rounds of replacements become Ready, null never.
 */
export function waveWords(wave: number | null, t: DrainT = ENGLISH): string {
  if (wave === null) return t('wave.never');
  if (wave <= 1) return t('wave.atOnce');
  return t('wave.after', { wave, rounds: wave - 1 });
}

/** Why Start drain is disabled; null when it is not. */
export function startBlockedReason(
  plan: Pick<DrainPlan, 'canStart' | 'problems' | 'errors'>,
  t: DrainT = ENGLISH,
) {
  if (plan.canStart) return null;
  const first = plan.problems[0] ?? plan.errors[0];
  return first === undefined ? t('refusesSome') : t('refuses', { first });
}

/**
 * What changed in a drain between two polls, in one sentence for a polite status region: its
 * state, and nodes that became safe to power off. null when nothing worth saying changed.
 */
export function drainChangeWords(
  before: DrainView | null,
  after: DrainView,
  t: DrainT = ENGLISH,
): string | null {
  const sentences: string[] = [];
  if (before === null || before.state !== after.state) {
    const state = drainStateWords(after.state, t);
    const reason = after.reason === null ? '' : ` ${after.reason}`;
    sentences.push(t('changed', { id: String(after.id), state: state.label, reason }));
  }
  const wasSafe = new Set(before?.nodes.filter((n) => n.safeToPowerOff).map((n) => n.name) ?? []);
  for (const node of after.nodes) {
    if (node.safeToPowerOff && !wasSafe.has(node.name)) {
      sentences.push(t('safe', { node: node.name }));
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
