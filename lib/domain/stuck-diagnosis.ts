import { budgetConsumers, type BudgetConsumer } from './budget-consumers';
import { lintBudget, type BudgetLint } from './budget-lints';
import { budgetsOf, indexBudgets } from './budget-selection';
import { budgetState, neverCause, neverWords } from './budget-state';
import { needsHas } from './budgets';
import { formatDuration } from './duration';
import type { Diagnosis, Phrase, PhraseKey, PhraseValue, Remedy } from './retries';
import { podsToScaleUp } from './unblock-options';
import type { BudgetView, PodView } from './views';

/**
 * Why a PodDisruptionBudget keeps refusing evictions, in plain words, for the stuck monitor
 * (issue 6): the budget lints that apply (their fixes are reused as remedies) and the pods
 * that keep it at 0 allowed disruptions. Pure: time is the `now` of the context.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#troubleshooting-stuck-evictions
 * @see ../shared/docs/eviction-semantics.md §2 step D, §4.4
 */

/** What a diagnosis looks at besides the budget. */
export interface DiagnosisContext {
  /** The pods of the budget's namespace (more is fine). */
  readonly pods: readonly PodView[];
  /** Every budget of that namespace, to find pods that several budgets select. */
  readonly budgets: readonly BudgetView[];
  /** Epoch ms. */
  readonly now: number;
}

/** A budget's findings: what holds it, most telling first, and the fixes specific to them. */
export interface BudgetDiagnosis {
  readonly diagnoses: Diagnosis[];
  readonly fixes: Remedy[];
}

/** A running pod not Ready for longer than this has not become Ready, rather than starting. */
export const NEVER_READY_MS = 2 * 60_000;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (names: readonly string[]) => names.join(', ');
const isAre = (names: readonly string[]) => (names.length === 1 ? 'is' : 'are');
const sentence = (text: string) => text.replace(/\.$/, '');

/** A phrase of `key` with `values`, for the UI to say the English `text` in its language. */
export const phrase = (key: PhraseKey, values?: Record<string, PhraseValue>): Phrase =>
  values === undefined ? { key } : { key, values };

/** A finding: its code, its English words, the same as a phrase, and its pods. */
export const finding = (
  code: Diagnosis['code'],
  text: string,
  said: Phrase,
  pods: string[],
): Diagnosis => ({ code, text, pods, phrase: said });

/** "needs 3 healthy pods, has 2", as a phrase. */
const needsHasPhrase = (budget: BudgetView): Phrase =>
  phrase('budget.needsHas', { desired: budget.desiredHealthy, current: budget.currentHealthy });

/** Epoch ms of an RFC 3339 time; null when absent or unreadable. */
export function timeMs(rfc3339: string | null): number | null {
  if (rfc3339 === null) return null;
  const ms = Date.parse(rfc3339);
  return Number.isNaN(ms) ? null : ms;
}

/** The lints that stand behind a diagnosis, with its code and the fix's title. */
const FROM_LINTS = [
  {
    lint: 'status-stale',
    code: 'status-stale',
    title: 'Check the disruption controller',
    key: 'remedy.staleTitle',
  },
  {
    lint: 'never-passable',
    code: 'never-passable',
    title: 'Make the budget passable',
    key: 'remedy.neverTitle',
  },
  {
    lint: 'multiple-budgets',
    code: 'multiple-budgets',
    title: 'Give each pod one budget',
    key: 'remedy.multipleTitle',
  },
  {
    lint: 'unhealthy-pods-blocked',
    code: 'unhealthy-blocked',
    title: 'Let pods that are not Ready be evicted',
    key: 'remedy.unhealthyTitle',
  },
] as const;

type LintDiagnosisCode = (typeof FROM_LINTS)[number]['code'];

/** Why a budget can never allow an eviction, as a phrase. */
function neverPhrase(budget: BudgetView): Phrase {
  const cause = neverCause(budget);
  if (cause === null) return needsHasPhrase(budget);
  return phrase(`budget.never.${cause}`, {
    value: String(cause === 'max-unavailable-zero' ? budget.maxUnavailable : budget.minAvailable),
    desired: budget.desiredHealthy,
    expected: budget.expectedPods,
  });
}

function staleWords(budget: BudgetView): [string, Phrase] {
  const state = budgetState(budget);
  if (state.kind === 'stale' && state.cause === 'sync-failed') {
    return [
      `the disruption controller failed to compute the status of budget ${budget.name}${state.message === null ? '' : `: ${state.message}`}`,
      phrase('diagnosis.syncFailed', {
        budget: budget.name,
        message:
          state.message === null ? '' : phrase('diagnosis.syncMessage', { message: state.message }),
      }),
    ];
  }
  const observed = budget.observedGeneration;
  return [
    `budget ${budget.name}'s status is stale (generation ${budget.generation}, observed ${observed ?? 'none'}): is the disruption controller running?`,
    phrase('diagnosis.statusStale', {
      budget: budget.name,
      generation: String(budget.generation),
      observed: observed === null ? phrase('budget.none') : String(observed),
    }),
  ];
}

function lintWords(
  code: LintDiagnosisCode,
  budget: BudgetView,
  pods: readonly string[],
  context: DiagnosisContext,
): [string, Phrase] {
  const names = { pods: { list: pods }, count: pods.length };
  switch (code) {
    case 'status-stale':
      return staleWords(budget);
    case 'never-passable': {
      const cause = neverCause(budget);
      return [
        `budget ${budget.name} can never allow an eviction: ${cause === null ? needsHas(budget) : sentence(neverWords(budget, cause))}`,
        phrase('diagnosis.neverPassable', { budget: budget.name, why: neverPhrase(budget) }),
      ];
    }
    case 'multiple-budgets': {
      const [first] = pods;
      const pod = context.pods.find((p) => p.name === first && p.namespace === budget.namespace);
      const rivals = pod === undefined ? [] : budgetsOf(pod, indexBudgets(context.budgets));
      const rivalNames = rivals.map((b) => b.name);
      return [
        `${list(pods)} ${isAre(pods)} selected by several budgets (${list(rivalNames)}): the API server refuses every eviction with 500`,
        phrase('diagnosis.multipleBudgets', { ...names, rivals: { list: rivalNames } }),
      ];
    }
    case 'unhealthy-blocked':
      return [
        `${list(pods)} ${isAre(pods)} not Ready and budget ${budget.name} ${needsHas(budget)}: under unhealthyPodEvictionPolicy IfHealthyBudget a pod that is not Ready is evicted only while the budget is healthy`,
        phrase('diagnosis.unhealthyBlocked', {
          ...names,
          budget: budget.name,
          needsHas: needsHasPhrase(budget),
        }),
      ];
    default: {
      const unknown: never = code;
      return unknown;
    }
  }
}

/** Which fix a lint of `code` gives for `budget`, as its phrase key. */
function fixKey(code: LintDiagnosisCode, budget: BudgetView): PhraseKey {
  switch (code) {
    case 'status-stale': {
      const state = budgetState(budget);
      return state.kind === 'stale' && state.cause === 'sync-failed'
        ? 'remedy.fix.sync-failed'
        : 'remedy.fix.unprocessed';
    }
    case 'never-passable':
      return `remedy.fix.${neverCause(budget) ?? 'no-rule'}`;
    default:
      return `remedy.fix.${code}`;
  }
}

/** The fix of a lint, with the scale-up that would make a never-passable budget pass. */
function lintFix(
  lint: BudgetLint,
  { code, title, key }: (typeof FROM_LINTS)[number],
  budget: BudgetView,
): Remedy {
  const extra = lint.code === 'never-passable' ? podsToScaleUp(budget) : null;
  const scale =
    extra === null ? '' : ` Scaling the workload up by ${extra} would give it room for one.`;
  return {
    code: 'fix',
    title,
    detail: `${lint.fix}${scale}`,
    titlePhrase: phrase(key),
    detailPhrase: phrase('remedy.lintFix', {
      fix: phrase(fixKey(code, budget)),
      scale: extra === null ? '' : phrase('remedy.scaleUp', { extra: String(extra) }),
    }),
  };
}

/** The lint findings; with `blocked` pods, only those about the budget or about one of them. */
function lintFindings(
  budget: BudgetView,
  context: DiagnosisContext,
  blocked: readonly PodView[],
): BudgetDiagnosis {
  const lints = lintBudget(budget, { ...context, blockedThresholdMs: Infinity });
  const blockedNames = new Set(blocked.map((p) => p.name));
  const found: BudgetDiagnosis = { diagnoses: [], fixes: [] };
  for (const from of FROM_LINTS) {
    const lint = lints.find((l) => l.code === from.lint);
    if (lint === undefined) continue;
    const pods =
      blocked.length === 0 ? [...lint.pods] : lint.pods.filter((p) => blockedNames.has(p));
    if (lint.pods.length > 0 && pods.length === 0) continue;
    const [text, said] = lintWords(from.code, budget, pods, context);
    found.diagnoses.push(finding(from.code, text, said, pods));
    found.fixes.push(lintFix(lint, from, budget));
  }
  return found;
}

/** Since when a pod has not been Ready: its `Ready` condition's last flip, else its creation. */
function notReadySince(pod: PodView): number | null {
  const ready = pod.conditions.find((c) => c.type === 'Ready' && c.status !== 'True');
  return timeMs(ready?.lastTransitionTime ?? null) ?? timeMs(pod.createdAt);
}

/** " (container main: CrashLoopBackOff, 5 restarts)", from the first container with a reason. */
function containerWhy(pod: PodView): [string, PhraseValue] {
  const c = pod.containers.find((k) => !k.isReady && k.reason !== null);
  if (c === undefined) return ['', ''];
  const restarts = c.restartCount > 0 ? `, ${plural(c.restartCount, 'restart')}` : '';
  return [
    ` (container ${c.name}: ${c.reason}${restarts})`,
    phrase('diagnosis.container', {
      name: c.name,
      reason: c.reason ?? '',
      restarts: c.restartCount > 0 ? phrase('diagnosis.restarts', { count: c.restartCount }) : '',
    }),
  ];
}

/** ", 20 s left" or ", deadline passed 5 s ago", of a pod's deletion deadline. */
function deadlineWords(pod: PodView, now: number): [string, PhraseValue] {
  const deadline = timeMs(pod.deletionTimestamp);
  if (deadline === null) return ['', ''];
  if (deadline >= now) {
    const ms = deadline - now;
    return [`, ${formatDuration(ms)} left`, phrase('diagnosis.deadlineLeft', { duration: { ms } })];
  }
  const ms = now - deadline;
  return [
    `, deadline passed ${formatDuration(ms)} ago`,
    phrase('diagnosis.deadlinePassed', { duration: { ms } }),
  ];
}

function terminatingDiagnosis(pod: PodView, now: number): Diagnosis {
  const evicted = pod.conditions.some(
    (c) =>
      c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'EvictionByEvictionAPI',
  );
  const grace = pod.deletionGracePeriodSeconds ?? pod.terminationGracePeriodSeconds;
  const [left, leftPhrase] = deadlineWords(pod, now);
  return finding(
    'still-terminating',
    `the ${evicted ? 'previously evicted' : 'deleted'} pod ${pod.name} is still terminating (grace period ${grace} s${left})`,
    phrase('diagnosis.terminating', {
      evicted: evicted ? 'yes' : 'no',
      pod: pod.name,
      grace: String(grace),
      left: leftPhrase,
    }),
    [pod.name],
  );
}

const forAge = (age: number | null): [string, PhraseValue] =>
  age === null
    ? ['', '']
    : [` for ${formatDuration(age)}`, phrase('diagnosis.forAge', { duration: { ms: age } })];

/** A Pending pod: a replacement just starting, or one that does not start. */
function pendingDiagnosis(pod: PodView, isReplacement: boolean, now: number): Diagnosis {
  const created = timeMs(pod.createdAt);
  const age = created === null ? null : now - created;
  const [forText, forPhrase] = forAge(age);
  if (isReplacement && (age === null || age <= NEVER_READY_MS)) {
    const text = `replacement ${pod.name} is starting (Pending${forText})`;
    const said = phrase('diagnosis.replacementStarting', { pod: pod.name, age: forPhrase });
    return finding('waiting-for-replacement', text, said, [pod.name]);
  }
  const [why, whyPhrase]: [string, PhraseValue] =
    pod.nodeName === null
      ? [' (not scheduled)', phrase('diagnosis.notScheduled')]
      : containerWhy(pod);
  const noun = isReplacement ? 'replacement' : 'pod';
  return finding(
    'not-ready',
    `${noun} ${pod.name} has been Pending${forText}${why}`,
    phrase('diagnosis.pending', {
      replacement: isReplacement ? 'yes' : 'no',
      pod: pod.name,
      age: forPhrase,
      why: whyPhrase,
    }),
    [pod.name],
  );
}

/** A running pod that is not Ready: briefly (`not-ready`), or for long (`never-ready`). */
function notReadyDiagnosis(pod: PodView, isReplacement: boolean, now: number): Diagnosis {
  const since = notReadySince(pod);
  const age = since === null ? null : now - since;
  const [why, whyPhrase] = containerWhy(pod);
  if (age !== null && age > NEVER_READY_MS) {
    const text = isReplacement
      ? `replacement ${pod.name} has not become Ready for ${formatDuration(age)}`
      : `pod ${pod.name} has not been Ready for ${formatDuration(age)}`;
    const key = isReplacement ? 'diagnosis.replacementNeverReady' : 'diagnosis.podNeverReady';
    const said = phrase(key, { pod: pod.name, duration: { ms: age }, why: whyPhrase });
    return finding('never-ready', `${text}${why}`, said, [pod.name]);
  }
  const noun = isReplacement ? 'replacement' : 'pod';
  const text = `${noun} ${pod.name} is running but not Ready${age === null ? '' : ` (${formatDuration(age)})`}${why}`;
  const said = phrase('diagnosis.runningNotReady', {
    replacement: isReplacement ? 'yes' : 'no',
    pod: pod.name,
    age: age === null ? '' : phrase('diagnosis.ageParen', { duration: { ms: age } }),
    why: whyPhrase,
  });
  return finding('not-ready', text, said, [pod.name]);
}

/** What one pod the budget does not count as healthy means, with its code. */
function consumerDiagnosis(
  { pod, reason }: BudgetConsumer,
  isReplacement: boolean,
  now: number,
): Diagnosis {
  switch (reason) {
    case 'terminating':
      return terminatingDiagnosis(pod, now);
    case 'evicted':
      return finding(
        'still-terminating',
        `the eviction of ${pod.name} was accepted but it is not terminating yet: the budget counts it as disrupted for up to 2 min`,
        phrase('diagnosis.evictedNotTerminating', { pod: pod.name }),
        [pod.name],
      );
    case 'pending':
      return pendingDiagnosis(pod, isReplacement, now);
    case 'not-ready':
      return notReadyDiagnosis(pod, isReplacement, now);
    default: {
      const unknown: never = reason;
      return unknown;
    }
  }
}

/**
 * A replacement: a pod of the same controller as a pod being evicted or gone (the blocked pods,
 * the budget's terminating or evicted pods), created after it.
 */
function replacementTest(consumers: readonly BudgetConsumer[], blocked: readonly PodView[]) {
  const going = [
    ...blocked,
    ...consumers
      .filter((c) => c.reason === 'terminating' || c.reason === 'evicted')
      .map((c) => c.pod),
  ];
  return (pod: PodView): boolean =>
    going.some(
      (g) =>
        g.uid !== pod.uid &&
        pod.owner !== null &&
        g.owner?.uid === pod.owner.uid &&
        (timeMs(pod.createdAt) ?? 0) > (timeMs(g.createdAt) ?? 0),
    );
}

/** When nothing else explains it: the budget's numbers. */
function fallback(budget: BudgetView): Diagnosis {
  const values = { budget: budget.name, needsHas: needsHasPhrase(budget) };
  if (budget.disruptionsAllowed <= 0) {
    return finding(
      'no-budget-room',
      `budget ${budget.name} allows 0 disruptions: ${needsHas(budget)}`,
      phrase('diagnosis.noBudgetRoom', values),
      [],
    );
  }
  return finding(
    'unknown',
    `budget ${budget.name} allows ${plural(budget.disruptionsAllowed, 'disruption')} now (${needsHas(budget)}): the next attempt should pass`,
    phrase('diagnosis.budgetHasRoom', { ...values, allowed: budget.disruptionsAllowed }),
    [],
  );
}

/**
 * Why `budget` holds up evictions (of the `blocked` pods, when given, e.g. a retry entry's pod
 * or a cordoned node's pods): its stale status, a spec that can never pass, pods with several
 * budgets, not-Ready pods it protects, then the pods it does not count as healthy (still
 * terminating, starting, not Ready). Never empty: without a finding, the budget's numbers
 * (`no-budget-room`, or `unknown` when it has room). `fixes` are the lints' fixes that apply.
 * @see ./budget-lints.ts for the lints and their fixes
 */
export function diagnoseBudget(
  budget: BudgetView,
  context: DiagnosisContext,
  blocked: readonly PodView[] = [],
): BudgetDiagnosis {
  const { diagnoses, fixes } = lintFindings(budget, context, blocked);
  const blockedUids = new Set(blocked.map((p) => p.uid));
  const consumers = budgetConsumers(budget, context.pods, context.now).filter(
    (c) => !blockedUids.has(c.pod.uid),
  );
  const isReplacement = replacementTest(consumers, blocked);
  for (const consumer of consumers) {
    diagnoses.push(consumerDiagnosis(consumer, isReplacement(consumer.pod), context.now));
  }
  if (diagnoses.length === 0) diagnoses.push(fallback(budget));
  return { diagnoses, fixes };
}

/** The diagnoses (each once) and fixes of several findings, in order. */
export function mergeDiagnoses(findings: readonly BudgetDiagnosis[]): BudgetDiagnosis {
  const diagnoses: Diagnosis[] = [];
  for (const d of findings.flatMap((f) => f.diagnoses)) {
    if (!diagnoses.some((e) => e.code === d.code && e.text === d.text)) diagnoses.push(d);
  }
  return { diagnoses, fixes: findings.flatMap((f) => f.fixes) };
}
