import { grace } from './grace';
import { kubectlDrain } from './kubectl-drain';
import { noBudget } from './no-budget';
import { oneAllowed } from './one-allowed';
import { safeDrain } from './safe-drain';
import { stuck } from './stuck';
import type { Walkthrough, WalkthroughState } from './types';
import { twoBudgets } from './two-budgets';
import { unhealthy } from './unhealthy';

/**
 * The walkthroughs of issue 9: short lessons on API-initiated eviction, each run on an
 * embedded cluster of its own (the sim's `empty` scenario plus the walkthrough's manifests in
 * namespace `learn`), named after the walkthrough so it never disturbs the demo or a real
 * cluster. Each step says what to do (in Drainboard, or a kubectl command the UI prefixes with
 * `kubectl --kubeconfig FILE`), what should happen and why, quoting the Kubernetes docs, in
 * English and Japanese; its check watches the live model and ticks the step once the learner
 * has done it. Kubectl's own evictions leave no Drainboard attempt, so checks of kubectl steps
 * read the pods, nodes, budgets and timelines alone.
 *
 * Content and checks are pure: the caller starts and resets the clusters, feeds the state and
 * persists the ticked steps across reloads.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
 */

export type { Walkthrough, WalkthroughState } from './types';

/** In teaching order: from the plain eviction to a drain driven by kubectl. */
export const WALKTHROUGHS: readonly Walkthrough[] = [
  noBudget,
  oneAllowed,
  twoBudgets,
  stuck,
  grace,
  unhealthy,
  safeDrain,
  kubectlDrain,
];

/** The walkthrough with this id, or undefined. */
export const walkthroughById = (id: string): Walkthrough | undefined =>
  WALKTHROUGHS.find((w) => w.id === id);

/**
 * The steps done: those in `done` (once ticked, a step stays ticked; the caller persists the
 * set), then, in order, each next step whose check holds now. A step ticks only once every step
 * before it has; unknown ids in `done` are dropped.
 */
export function progressOf(
  w: Walkthrough,
  state: WalkthroughState,
  done: ReadonlySet<string>,
): ReadonlySet<string> {
  const ticked = new Set(w.steps.filter((s) => done.has(s.id)).map((s) => s.id));
  for (const step of w.steps) {
    if (ticked.has(step.id)) continue;
    if (!step.check(state)) break;
    ticked.add(step.id);
  }
  return ticked;
}
