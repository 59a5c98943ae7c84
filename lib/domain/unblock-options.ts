import type { BudgetConsumer } from './budget-consumers';
import { neverCause } from './budget-state';
import { budgetRule, budgetTarget, disruptionsAllowed } from './budgets';
import type { BudgetView } from './views';

/** The ways past a budget that blocks an eviction, gentlest first. */
export type UnblockCode =
  'wait' | 'retry' | 'delete-unhealthy' | 'always-allow' | 'scale-up' | 'delete-pod';

/** The values an option's words name besides its code: the budget, or the pods to add. */
type UnblockFacts =
  | { readonly code: Exclude<UnblockCode, 'always-allow' | 'scale-up'> }
  | { readonly code: 'always-allow'; readonly budget: string }
  | { readonly code: 'scale-up'; readonly extra: number };

/** What every option has besides its code and facts. */
interface OptionCommon {
  readonly title: string;
  readonly consequence: string;
  /** The pods it is about (e.g. the replacements to wait for); empty when none in particular. */
  readonly pods: readonly string[];
}

/** One way past a blocking budget, with what it costs. */
export type UnblockOption = OptionCommon & UnblockFacts;

/** The most extra Ready pods a scale-up suggestion considers. */
const MAX_SCALE_UP = 100;

/**
 * How many more Ready pods would give the budget room for one disruption, resolving its spec
 * as the controller does; null when scaling up cannot help (any `maxUnavailable`: each new pod
 * raises the expected pods as much as the healthy ones) or would take more than 100.
 */
export function podsToScaleUp(budget: BudgetView): number | null {
  if (budgetRule(budget).field !== 'minAvailable') return null;
  for (let extra = 1; extra <= MAX_SCALE_UP; extra++) {
    const pods = budget.expectedPods + extra;
    const target = budgetTarget(budget, { selected: pods, scale: pods });
    if (target === null) return null;
    if (disruptionsAllowed({ ...target, currentHealthy: budget.currentHealthy + extra }) > 0) {
      return extra;
    }
  }
  return null;
}

const names = (consumers: readonly BudgetConsumer[]) => consumers.map((c) => c.pod.name);

function waitOption(consumers: readonly BudgetConsumer[]): UnblockOption | null {
  const coming = consumers.filter((c) => c.reason !== 'not-ready');
  if (coming.length === 0) return null;
  return {
    code: 'wait',
    title: 'Wait for the replacements',
    consequence:
      'These pods are being replaced or started. Once enough pods are Ready again the budget allows a disruption, with no risk to the application.',
    pods: names(coming),
  };
}

function unhealthyOptions(
  budget: BudgetView,
  consumers: readonly BudgetConsumer[],
): UnblockOption[] {
  const unhealthy = names(consumers.filter((c) => c.reason === 'not-ready'));
  if (unhealthy.length === 0) return [];
  const options: UnblockOption[] = [
    {
      code: 'delete-unhealthy',
      title: 'Delete a pod that is not Ready',
      consequence:
        'It does not count as healthy, so deleting it takes nothing from the budget; a controller-owned pod gets a replacement that may become Ready. A pod without a controller is gone for good.',
      pods: unhealthy,
    },
  ];
  if (budget.unhealthyPodEvictionPolicy === 'IfHealthyBudget') {
    options.push({
      code: 'always-allow',
      budget: budget.name,
      title: 'Set unhealthyPodEvictionPolicy: AlwaysAllow',
      consequence: `Running pods that are not Ready can then be evicted whatever ${budget.name} says; Ready pods stay protected. Not for applications that need their unready members (e.g. a quorum catching up).`,
      pods: unhealthy,
    });
  }
  return options;
}

function scaleUpOption(budget: BudgetView): UnblockOption | null {
  const extra = podsToScaleUp(budget);
  if (extra === null) return null;
  return {
    code: 'scale-up',
    extra,
    title: `Scale the workload up by ${extra}`,
    consequence: `With ${extra} more Ready ${extra === 1 ? 'pod' : 'pods'} the budget allows a disruption; it costs the extra capacity while they run.`,
    pods: [],
  };
}

/**
 * The options of the "why blocked" panel for a budget that refuses an eviction, given its
 * consumers (`budgetConsumers`): wait, keep retrying (not for a budget that can never pass),
 * deal with unhealthy pods, scale up (when that helps), and last, as the Kubernetes docs say,
 * delete the pod directly.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#troubleshooting-stuck-evictions
 */
export function unblockOptions(
  budget: BudgetView,
  consumers: readonly BudgetConsumer[],
): UnblockOption[] {
  const retry: UnblockOption = {
    code: 'retry',
    title: 'Keep retrying',
    consequence:
      'Drainboard retries the eviction and it goes through as soon as the budget has room; the application is never disrupted beyond what its budget allows.',
    pods: [],
  };
  const deletePod: UnblockOption = {
    code: 'delete-pod',
    title: 'Delete the pod directly (last resort)',
    consequence:
      'A DELETE, not an eviction: the budget is not consulted, so the application runs with fewer healthy pods than its budget asks for until a replacement is Ready.',
    pods: [],
  };
  const options = [
    waitOption(consumers),
    neverCause(budget) === null ? retry : null,
    ...unhealthyOptions(budget, consumers),
    scaleUpOption(budget),
    deletePod,
  ];
  return options.filter((o) => o !== null);
}
