import { budgetsOf, type BudgetIndex } from './budget-selection';
import { budgetState } from './budget-state';
import { formatDuration } from './duration';
import type { Diagnosis, Phrase, Remedy } from './retries';
import {
  diagnoseBudget,
  finding,
  mergeDiagnoses,
  phrase,
  type BudgetDiagnosis,
  type DiagnosisContext,
} from './stuck-diagnosis';
import type { BudgetView, NodeView, PodView } from './views';

/**
 * The stuck monitor's diagnoses of pods that do not go: a pod past its deletion deadline
 * (its node, its containers, its finalizers) and the pods a cordoned node still holds.
 * @see ../shared/docs/eviction-semantics.md §5
 */

/** Why the kubelet cannot finish: its node is not Ready, or gone. */
function nodeNotReady(pod: PodView, nodes: readonly NodeView[]): BudgetDiagnosis {
  if (pod.nodeName === null) return { diagnoses: [], fixes: [] };
  const node = nodes.find((n) => n.name === pod.nodeName);
  if (node?.isReady === true) return { diagnoses: [], fixes: [] };
  const values = { node: pod.nodeName };
  const [text, key] =
    node === undefined
      ? ([`node ${pod.nodeName} is gone: no kubelet will finish the deletion`, 'nodeGone'] as const)
      : ([
          `node ${pod.nodeName} is NotReady: the kubelet cannot finish the deletion`,
          'nodeNotReady',
        ] as const);
  const said = finding('node-not-ready', text, phrase(`diagnosis.${key}`, values), [pod.name]);
  const fix: Remedy = {
    code: 'fix',
    title: `Bring node ${pod.nodeName} back`,
    detail: `Restart the kubelet or the machine of node ${pod.nodeName}. If the machine is gone for good, delete the Node object: the pod garbage collector then deletes its pods.`,
    titlePhrase: phrase('remedy.nodeTitle', values),
    detailPhrase: phrase('remedy.nodeDetail', values),
  };
  return { diagnoses: [said], fixes: [fix] };
}

/** What the pod's containers say about why it is still there. */
function containersWhy(pod: PodView, nodes: readonly NodeView[]): [string, Phrase | ''] {
  const running = pod.containers.filter((c) => c.state === 'running').map((c) => c.name);
  if (running.length === 0) {
    return pod.finalizers.length > 0
      ? [': its containers have stopped', phrase('diagnosis.containersStopped')]
      : [
          ': its containers have stopped but the kubelet has not confirmed the deletion',
          phrase('diagnosis.containersUnconfirmed'),
        ];
  }
  // On a node that is not Ready the containers' state is stale: the node finding says why.
  if (!nodes.some((n) => n.name === pod.nodeName && n.isReady)) return ['', ''];
  const [one = ''] = running;
  return running.length === 1
    ? [
        `: container ${one} is still running, the kubelet has not stopped it`,
        phrase('diagnosis.containerRunning', { container: one }),
      ]
    : [
        `: containers ${running.join(', ')} are still running, the kubelet has not stopped them`,
        phrase('diagnosis.containersRunning', { containers: { list: running } }),
      ];
}

function pastDeadline(pod: PodView, overdue: number, nodes: readonly NodeView[]): Diagnosis {
  const grace = pod.deletionGracePeriodSeconds ?? 0;
  const [why, whyPhrase] = containersWhy(pod, nodes);
  return finding(
    'past-deadline',
    `${pod.name} is ${formatDuration(overdue)} past its deletion deadline (grace period ${grace} s)${why}`,
    phrase('diagnosis.pastDeadline', {
      pod: pod.name,
      duration: { ms: overdue },
      grace: String(grace),
      why: whyPhrase,
    }),
    [pod.name],
  );
}

function finalizerFindings(pod: PodView): BudgetDiagnosis {
  if (pod.finalizers.length === 0) return { diagnoses: [], fixes: [] };
  return {
    diagnoses: pod.finalizers.map((f) =>
      finding(
        'finalizer',
        `finalizer ${f} holds the pod`,
        phrase('diagnosis.finalizer', { finalizer: f }),
        [pod.name],
      ),
    ),
    fixes: [
      {
        code: 'fix',
        title: 'Let the finalizers finish',
        detail: `Find the controller that owns ${pod.finalizers.join(', ')} and why it has not finished: it removes its finalizer once its cleanup is done. Removing a finalizer by hand skips that cleanup.`,
        titlePhrase: phrase('remedy.finalizersTitle'),
        detailPhrase: phrase('remedy.finalizersDetail', {
          finalizers: { list: pod.finalizers },
        }),
      },
    ],
  };
}

/**
 * Why a pod is `overdue` ms past its deletion deadline: still-running containers (the kubelet
 * has not killed them), a node that is NotReady or gone (no kubelet finishes the deletion),
 * and the finalizers that keep the object after its containers stopped.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 */
export function diagnoseTerminating(
  pod: PodView,
  overdue: number,
  nodes: readonly NodeView[],
): BudgetDiagnosis {
  return mergeDiagnoses([
    { diagnoses: [pastDeadline(pod, overdue, nodes)], fixes: [] },
    nodeNotReady(pod, nodes),
    finalizerFindings(pod),
  ]);
}

/**
 * A pod a drain must evict: not a DaemonSet's, not a mirror pod (owned by its Node: the kubelet
 * runs it from a static manifest, and kubectl drain skips it), not finished, not already
 * terminating.
 */
export function isEvictable(pod: PodView): boolean {
  return (
    pod.owner?.kind !== 'DaemonSet' &&
    pod.owner?.kind !== 'Node' &&
    pod.phase !== 'Succeeded' &&
    pod.phase !== 'Failed' &&
    pod.deletionTimestamp === null
  );
}

/**
 * Why the evictable pods `left` on a cordoned node stay: the budgets that hold them, each
 * diagnosed once with its pods, and the pods no budget holds (nobody is evicting them).
 */
export function diagnoseNodePods(
  left: readonly PodView[],
  context: DiagnosisContext,
  index: BudgetIndex<BudgetView>,
): BudgetDiagnosis {
  const held = new Map<BudgetView, PodView[]>();
  const free: string[] = [];
  for (const pod of left) {
    const selecting = budgetsOf(pod, index);
    const [budget] = selecting;
    if (budget === undefined || (selecting.length === 1 && budgetState(budget).kind === 'allows')) {
      free.push(`${pod.namespace}/${pod.name}`);
    } else held.set(budget, [...(held.get(budget) ?? []), pod]);
  }
  // The node's item spans namespaces: its pods are named `namespace/name`.
  const found = [...held].map(([budget, pods]) => {
    const { diagnoses, fixes } = diagnoseBudget(budget, context, pods);
    const named = diagnoses.map((d) => ({
      ...d,
      pods: d.pods.map((p) => `${budget.namespace}/${p}`),
    }));
    return { diagnoses: named, fixes };
  });
  if (free.length > 0) {
    const text = `${free.join(', ')} can be evicted now (no budget holds ${free.length === 1 ? 'it' : 'them'}): is a drain running?`;
    const said = phrase('diagnosis.podsFree', { pods: { list: free }, count: free.length });
    found.push({ diagnoses: [finding('evictable-pods-left', text, said, free)], fixes: [] });
  }
  return mergeDiagnoses(found);
}
