import { budgetConsumers, type BudgetConsumer } from '@/lib/domain/budget-consumers';
import { BLOCKED_TOO_LONG_MS, lintBudget, type BudgetLint } from '@/lib/domain/budget-lints';
import { budgetsOf, indexBudgets } from '@/lib/domain/budget-selection';
import {
  budgetNumbers,
  budgetState,
  isUnprocessed,
  type BudgetNumbers,
  type BudgetState,
} from '@/lib/domain/budget-state';
import { disruptionCondition } from '@/lib/domain/budgets';
import { formatSelector } from '@/lib/domain/selectors';
import { unblockOptions, type UnblockOption } from '@/lib/domain/unblock-options';
import type { BudgetView, ConditionView, PodView } from '@/lib/domain/views';

import type { SelectionIndex } from './budget-selection';
import { compareText } from './compare-text';
import { timeOf } from './format-time';
import type { Tone } from './pod-status';

/** What stands in the way of a budget that allows 0 disruptions, and the ways past it. */
export interface BlockedBy {
  readonly consumers: readonly BudgetConsumer[];
  readonly options: readonly UnblockOption[];
}

/** One PodDisruptionBudget as the Budgets view shows it; rebuilt only when it changes. */
export interface BudgetCard {
  readonly budget: BudgetView;
  readonly numbers: BudgetNumbers;
  readonly state: BudgetState;
  /** The state's colour; its words are `budgetStateText` (./budget-words). */
  readonly tone: Tone;
  /** The `DisruptionAllowed` condition, if the controller has written one. */
  readonly condition: ConditionView | null;
  /** `observedGeneration` is behind `generation`. */
  readonly isUnprocessed: boolean;
  /** The selector as `kubectl get -l` reads it. */
  readonly selector: string;
  /** The pods it selects, by name. */
  readonly pods: readonly PodView[];
  readonly readyPods: number;
  /** `disruptedPods`, by name, with the time each eviction was accepted (epoch ms). */
  readonly disrupted: readonly { readonly name: string; readonly acceptedAt: number | null }[];
  readonly lints: readonly BudgetLint[];
  /** Set while it allows 0 disruptions. */
  readonly blockedBy: BlockedBy | null;
}

/** The colour of a budget's state (../shared/docs/ui.md): 0 allowed is amber, never red. */
export function budgetTone(state: BudgetState): Tone {
  switch (state.kind) {
    case 'allows':
      return 'healthy';
    case 'blocked':
      return 'waiting';
    case 'never':
      return 'failed';
    case 'stale':
      return state.cause === 'unprocessed' ? 'waiting' : 'failed';
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}

/** The other budgets of a budget's namespace, which the multiple-budgets lint looks at. */
type Neighbours = ReadonlyMap<string, readonly BudgetView[]>;

function buildCard(
  budget: BudgetView,
  pods: readonly PodView[],
  neighbours: Neighbours,
  now: number,
) {
  const state = budgetState(budget);
  const sorted = [...pods].sort((a, b) => compareText(a.name, b.name));
  const context = {
    pods: sorted,
    budgets: neighbours.get(budget.namespace) ?? [budget],
    now,
    blockedThresholdMs: BLOCKED_TOO_LONG_MS,
  };
  const consumers = budget.disruptionsAllowed === 0 ? budgetConsumers(budget, sorted, now) : null;
  const card: BudgetCard = {
    budget,
    numbers: budgetNumbers(budget),
    state,
    tone: budgetTone(state),
    condition: disruptionCondition(budget),
    isUnprocessed: isUnprocessed(budget),
    selector: formatSelector(budget.selector),
    pods: sorted,
    readyPods: sorted.filter((p) => p.isReady).length,
    disrupted: Object.entries(budget.disruptedPods)
      .map(([name, at]) => ({ name, acceptedAt: timeOf(at) }))
      .sort((a, b) => compareText(a.name, b.name)),
    lints: lintBudget(budget, context),
    blockedBy:
      consumers === null ? null : { consumers, options: unblockOptions(budget, consumers) },
  };
  return card;
}

/** Whether what a budget's card says depends on the time (disruptedPods expire, blocks age). */
const dependsOnTime = (budget: BudgetView) =>
  budget.disruptionsAllowed === 0 || Object.keys(budget.disruptedPods).length > 0;

const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

interface Memo {
  readonly budget: BudgetView;
  readonly pods: readonly PodView[];
  readonly now: number;
  readonly card: BudgetCard;
}

const NO_PODS: readonly PodView[] = [];

/**
 * A card builder for one set of budget selections (rebuilt when a selector changes, not when
 * counts do). Per batch it finds each budget's pods once, through each pod's remembered
 * budgets, and rebuilds only the cards whose budget, pods or (for the few that depend on it)
 * time changed: the others keep their object, so their components skip rendering.
 */
export function budgetCardBuilder(index: SelectionIndex) {
  const budgetsOfPod = new WeakMap<PodView, readonly string[]>();
  let memos = new Map<string, Memo>();

  function podsByBudget(pods: Iterable<PodView>): Map<string, PodView[]> {
    const byBudget = new Map<string, PodView[]>();
    for (const pod of pods) {
      let uids = budgetsOfPod.get(pod);
      if (uids === undefined) {
        uids = budgetsOf(pod, index).map((b) => b.uid);
        budgetsOfPod.set(pod, uids);
      }
      for (const uid of uids) {
        const list = byBudget.get(uid);
        if (list === undefined) byBudget.set(uid, [pod]);
        else list.push(pod);
      }
    }
    return byBudget;
  }

  /** The cards of `budgets` (every budget of their namespaces is needed for the lints). */
  return function cardsOf(
    budgets: Iterable<BudgetView>,
    pods: Iterable<PodView>,
    now: number,
  ): BudgetCard[] {
    const all = [...budgets];
    const neighbours = indexBudgets(all);
    const byBudget = podsByBudget(pods);
    const next = new Map<string, Memo>();
    const cards = all.map((budget) => {
      const memo = memos.get(budget.uid);
      let selected = byBudget.get(budget.uid) ?? NO_PODS;
      if (memo !== undefined && sameItems(memo.pods, selected)) selected = memo.pods;
      const isCurrent =
        memo !== undefined &&
        memo.budget === budget &&
        memo.pods === selected &&
        (memo.now === now || !dependsOnTime(budget));
      const card = isCurrent ? memo.card : buildCard(budget, selected, neighbours, now);
      next.set(budget.uid, { budget, pods: selected, now, card });
      return card;
    });
    memos = next;
    return cards;
  };
}
