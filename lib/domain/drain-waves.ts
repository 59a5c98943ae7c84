import { budgetRule } from './budgets';
import type { BudgetWait, DryRunVerdict } from './drains';
import { forecastEviction } from './eviction-forecast';
import type { BudgetView, PodView } from './views';

/**
 * The budget simulation of a drain plan (issue 8): in which wave the eviction of each pod a
 * drain evicts passes its PodDisruptionBudget. It runs across every node of the drain at once,
 * since nodes share budgets.
 * @see ../shared/docs/eviction-semantics.md §2 (the eviction handler), §4 (the controller)
 */

/** A pod the drain evicts, with what decides when its eviction passes. */
export interface WaveEntry {
  readonly pod: PodView;
  /** The budgets that select it in the live model. */
  readonly budgets: readonly BudgetView[];
  /** The cluster's dry-run answer, if the caller asked for one. */
  readonly dryRun: DryRunVerdict | null;
  /** Its controller makes a replacement. */
  readonly replaced: boolean;
}

/** What the simulation finds. */
export interface Waves {
  /** Each entry's wave by pod uid: 1 at once, 2 after a round of replacements…; null: never. */
  readonly waves: ReadonlyMap<string, number | null>;
  /** The budgets the evictions consult, in drain order of their first pod. */
  readonly budgets: BudgetWait[];
  /** Plain sentences: budgets that never let some pods go, then pods several budgets select. */
  readonly problems: string[];
}

/** An entry in its budget: whether its eviction uses one of the budget's disruptions. */
interface Member {
  readonly entry: WaveEntry;
  readonly needsRoom: boolean;
}

/** How the room-using entries of one budget fared: those gone for good, those passed at once. */
interface Outcome {
  readonly lost: readonly WaveEntry[];
  readonly passedNow: number;
}

const keyOf = (o: { readonly namespace: string; readonly name: string }) =>
  `${o.namespace}/${o.name}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A 429 from the cluster's dry run beats the model: the pod waits one round at least. */
const earliestWave = (entry: WaveEntry) => (entry.dryRun?.verdict === 'blocked' ? 2 : 1);

/**
 * How the eviction handler meets the pod (§2 steps C–D): several budgets (500, never passes);
 * free of room (exempt, no budget, or an unhealthy pod its budget lets go); or using room.
 */
type Passage =
  | { readonly kind: 'several' }
  | { readonly kind: 'free'; readonly budget: BudgetView | null }
  | { readonly kind: 'room'; readonly budget: BudgetView };

function passage(entry: WaveEntry): Passage {
  if (entry.dryRun?.verdict === 'several-budgets') return { kind: 'several' };
  const forecast = forecastEviction(entry.pod, entry.budgets);
  switch (forecast.kind) {
    case 'exempt':
    case 'no-budget':
      return { kind: 'free', budget: null };
    case 'multiple-budgets':
      return { kind: 'several' };
    case 'unhealthy-skip':
      return { kind: 'free', budget: forecast.budget };
    case 'stale':
    case 'forbidden':
    case 'blocked':
    case 'allowed':
      return { kind: 'room', budget: forecast.budget };
    default: {
      const unknown: never = forecast;
      return unknown;
    }
  }
}

/**
 * Whether the budget expects the pods it selects (an integer `minAvailable`, §4.3), so that a
 * pod nothing replaces takes its room for good once gone. Under `maxUnavailable` or a
 * percentage it expects its controllers' replicas: a pod without a controller is not expected,
 * and its going leaves the room between waves as it was.
 */
function expectsSelected(budget: BudgetView): boolean {
  const rule = budgetRule(budget);
  return rule.field === 'minAvailable' && typeof rule.value === 'number';
}

/** Sets `wave` for `entries`; returns those whose going shrinks the budget's room for good. */
function assign(
  entries: readonly WaveEntry[],
  wave: number,
  budget: BudgetView,
  waves: Map<string, number | null>,
): WaveEntry[] {
  for (const entry of entries) waves.set(entry.pod.uid, wave);
  return expectsSelected(budget) ? entries.filter((entry) => !entry.replaced) : [];
}

/**
 * Waves of the evictions that use a budget's room, in drain order: the first takes what the
 * budget allows now (not pods its dry run refused); each later one, once the replacements are
 * Ready, takes the room of a budget whose expected pods are all healthy, less the pods gone
 * for good. Pods left when that room is gone never pass.
 */
function passRoom(
  entries: readonly WaveEntry[],
  budget: BudgetView,
  waves: Map<string, number | null>,
): Outcome {
  const first: WaveEntry[] = [];
  let pending: WaveEntry[] = [];
  for (const entry of entries) {
    const fits = earliestWave(entry) === 1 && first.length < budget.disruptionsAllowed;
    (fits ? first : pending).push(entry);
  }
  let lost = assign(first, 1, budget, waves);
  const capacity = capacityOf(budget);
  for (let wave = 2; pending.length > 0 && capacity > lost.length; wave++) {
    const room = capacity - lost.length;
    lost = [...lost, ...assign(pending.slice(0, room), wave, budget, waves)];
    pending = pending.slice(room);
  }
  for (const entry of pending) waves.set(entry.pod.uid, null);
  return { lost, passedNow: first.length };
}

/** Disruptions allowed once every pod the budget expects is healthy (§4.4). */
const capacityOf = (budget: BudgetView) => Math.max(0, budget.expectedPods - budget.desiredHealthy);

/** The budget's rule against what it expects, when that leaves no room. */
function ruleWords(budget: BudgetView): string {
  const rule = budgetRule(budget);
  if (rule.field === null) return 'it sets neither minAvailable nor maxUnavailable';
  if (budget.expectedPods <= 0) return `it expects no pods (${rule.field} ${rule.value})`;
  if (rule.field === 'maxUnavailable') return `maxUnavailable ${rule.value}`;
  const scaled = typeof rule.value === 'number' ? '' : ` (${budget.desiredHealthy})`;
  const verb = budget.desiredHealthy > budget.expectedPods ? 'exceeds' : 'equals';
  return `minAvailable ${rule.value}${scaled} ${verb} the ${plural(budget.expectedPods, 'pod')} it expects`;
}

/** Why some pods of the budget never pass. */
function neverWhy(budget: BudgetView, outcome: Outcome): string {
  if (capacityOf(budget) > 0) {
    const names = outcome.lost.map((entry) => keyOf(entry.pod));
    const gone = names.length === 1 ? 'it is' : 'they are';
    return `nothing replaces ${names.join(', ')}: once ${gone} gone, it allows no more evictions`;
  }
  const rule = ruleWords(budget);
  return outcome.passedNow === 0
    ? `${rule}: it never allows an eviction`
    : `${rule}: after the ${outcome.passedNow} it allows now, it never allows another`;
}

/** One budget across the drain; sets the waves of its members. */
function budgetWait(
  budget: BudgetView,
  members: readonly Member[],
  waves: Map<string, number | null>,
): BudgetWait {
  for (const m of members) if (!m.needsRoom) waves.set(m.entry.pod.uid, earliestWave(m.entry));
  const roomy = members.filter((m) => m.needsRoom).map((m) => m.entry);
  const outcome = passRoom(roomy, budget, waves);
  const passing = members.flatMap((m) => waves.get(m.entry.pod.uid) ?? []);
  const atOnce = passing.filter((wave) => wave === 1).length;
  const canFinish = passing.length === members.length;
  return {
    namespace: budget.namespace,
    name: budget.name,
    allowedNow: budget.disruptionsAllowed,
    capacity: capacityOf(budget),
    pods: members.map((m) => keyOf(m.entry.pod)),
    atOnce,
    waiting: passing.length - atOnce,
    rounds: passing.length === 0 ? 0 : Math.max(...passing) - 1,
    canFinish,
    why: canFinish ? null : neverWhy(budget, outcome),
  };
}

function severalWords(entry: WaveEntry): string {
  const fix = 'the API server answers 500; fix the selectors so one budget selects it';
  const named = entry.budgets.length > 1;
  const which = named
    ? `${entry.budgets.length} budgets (${entry.budgets.map(keyOf).join(', ')})`
    : 'several budgets, says its dry run';
  return `${keyOf(entry.pod)} is selected by ${which}: ${fix}`;
}

/** The problem of a budget some pods never pass, naming them. */
function neverProblem(wait: BudgetWait, members: readonly Member[], waves: Map<string, unknown>) {
  const stuck = members.filter((m) => waves.get(m.entry.pod.uid) === null);
  const names = stuck.map((m) => keyOf(m.entry.pod)).join(', ');
  return `budget ${keyOf(wait)} never lets ${names} go: ${wait.why ?? ''}`;
}

/**
 * Simulates the evictions of a drain against their budgets. A pod several budgets select (by
 * the model or by its dry run) never passes and takes no budget's room; exempt pods (terminal,
 * Pending, terminating), pods without a budget and unhealthy pods their budget lets go pass in
 * the first wave without using room; the others pass in waves of their budget's room.
 */
export function simulateWaves(entries: readonly WaveEntry[]): Waves {
  const waves = new Map<string, number | null>();
  const groups = new Map<string, { budget: BudgetView; members: Member[] }>();
  const several: string[] = [];
  for (const entry of entries) {
    const p = passage(entry);
    if (p.kind === 'several') {
      waves.set(entry.pod.uid, null);
      several.push(severalWords(entry));
    } else if (p.budget === null) {
      waves.set(entry.pod.uid, earliestWave(entry));
    } else {
      const group = groups.get(keyOf(p.budget)) ?? { budget: p.budget, members: [] };
      group.members.push({ entry, needsRoom: p.kind === 'room' });
      groups.set(keyOf(p.budget), group);
    }
  }
  const budgets: BudgetWait[] = [];
  const problems: string[] = [];
  for (const { budget, members } of groups.values()) {
    const wait = budgetWait(budget, members, waves);
    budgets.push(wait);
    if (!wait.canFinish) problems.push(neverProblem(wait, members, waves));
  }
  return { waves, budgets, problems: [...problems, ...several] };
}
