import { budgetIs, nodeOf, podsOf, timelinesOf } from './checks';
import { SAFE_DRAIN, SIX_STEPS, TOO_MANY_429, UNCORDON } from './docs';
import { budget, bundle, deployment, service } from './manifests';
import type { Check, Walkthrough, WalkthroughState } from './types';

const NODE = 'node-2';

const onNode = (s: WalkthroughState) => podsOf(s, 'web').filter((p) => p.nodeName === NODE);

const cordoned: Check = (s) => nodeOf(s, NODE)?.isCordoned === true;

const isEvictedHere = (s: WalkthroughState): boolean =>
  onNode(s).some((p) =>
    p.conditions.some(
      (c) =>
        c.type === 'DisruptionTarget' &&
        c.status === 'True' &&
        c.reason === 'EvictionByEvictionAPI',
    ),
  ) || timelinesOf(s, 'web').some((t) => t.node === NODE && t.attribution === 'eviction-api');

/**
 * kubectl's refusals leave no trace of their own (no attempt, no Event): what shows is a pod
 * of the node evicted through the Eviction API, the budget at 0 and another pod still there.
 */
const waiting: Check = (s) =>
  cordoned(s) &&
  isEvictedHere(s) &&
  onNode(s).some((p) => p.deletionTimestamp === null) &&
  budgetIs('web', (b) => b.disruptionsAllowed === 0)(s);

const kubectlTimelines: Check = (s) =>
  timelinesOf(s, 'web').filter((t) => t.node === NODE && t.attribution === 'eviction-api').length >=
  2;

const drained: Check = (s) => cordoned(s) && onNode(s).length === 0;

/** 8. kubectl drain in a terminal, with Drainboard showing what it causes. */
export const kubectlDrain: Walkthrough = {
  id: 'kubectl-drain',
  title: { en: 'kubectl drain, seen from Drainboard', ja: 'Drainboardから見るkubectl drain' },
  summary: {
    en: `Run kubectl drain ${NODE} in a terminal and watch in Drainboard the budget, the waiting pod and the timelines its evictions cause.`,
    ja: `ターミナルでkubectl drain ${NODE}を実行し、そのEvictionが引き起こすPodDisruptionBudgetの変化、待たされるPod、タイムラインをDrainboardで見ます。`,
  },
  manifests: () =>
    bundle(
      // Two web pods on each of node-2 and node-3: kubectl evicts both of node-2's at once.
      deployment({
        name: 'web',
        replicas: 4,
        nodes: ['node-2', 'node-3'],
        // Replacements take 8 s to turn Ready: time for kubectl to retry, and to watch it.
        timing: { 'start-after': '500ms', 'ready-after': '8s', 'shutdown-after': '1s' },
      }),
      service('web'),
      budget({ name: 'web', selector: { app: 'web' }, maxUnavailable: 1 }),
    ),
  steps: [
    {
      id: 'drain',
      title: { en: `Drain ${NODE} with kubectl`, ja: `kubectlで${NODE}をドレインする` },
      action: { kind: 'kubectl', args: ['drain', NODE] },
      expect: {
        en: `node/${NODE} cordoned, then "evicting pod learn/web-…" for both web pods; Nodes shows ${NODE} cordoned.`,
        ja: `node/${NODE} cordonedと表示され、続いて2つのweb Podについて「evicting pod learn/web-…」が出ます。Nodesでは${NODE}がcordonされています。`,
      },
      why: {
        en: 'kubectl drain cordons the node first, then evicts all its pods in parallel through the Eviction API.',
        ja: 'kubectl drainはまずノードをcordonし、その後Eviction APIでノード上のすべてのPodを並行して退避します。',
      },
      docs: [SAFE_DRAIN],
      check: cordoned,
    },
    {
      id: 'retries',
      title: { en: 'Read the retries', ja: '再試行を読み解く' },
      action: {
        kind: 'ui',
        where: {
          en: 'Budgets: open web; Pods: filter by node; compare with the terminal.',
          ja: 'BudgetsでPodDisruptionBudget webを開き、Podsをノードで絞り込んで、ターミナルの出力と見比べます。',
        },
      },
      expect: {
        en: `The terminal prints "error when evicting pods/… (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget." every 5 s; Drainboard shows web at 0 allowed disruptions, the first pod evicted through the Eviction API (its DisruptionTarget condition and timeline), the other still Running on ${NODE}.`,
        ja: `ターミナルには5秒ごとに「error when evicting pods/… (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.」と出ます。Drainboardでは、webの許可される中断数は0で、1つ目のPodはEviction APIで退避され(DisruptionTarget条件とタイムラインでわかります)、もう1つは${NODE}上でRunningのままです。`,
      },
      why: {
        en: 'The first eviction took the one disruption the budget allows; kubectl retries the other every 5 s until the replacement (on node-3) is Ready.',
        ja: '最初のEvictionが、PodDisruptionBudgetの許す唯一の中断を使いました。kubectlは代わりのPod(node-3上)がReadyになるまで、もう1つを5秒ごとに再試行します。',
      },
      docs: [TOO_MANY_429],
      check: waiting,
    },
    {
      id: 'timelines',
      title: { en: 'Open the timelines', ja: 'タイムラインを開く' },
      action: {
        kind: 'ui',
        where: {
          en: `Timelines: the two web pods of ${NODE}.`,
          ja: `Timelinesで${NODE}の2つのweb Podを開きます。`,
        },
      },
      expect: {
        en: 'Both attributed to the Eviction API (not to Drainboard), with the six deletion steps; the deletion of the second starts only after the first replacement is Ready.',
        ja: 'どちらもDrainboardではなくEviction APIによるものとして表示され、削除の6つのステップが見えます。2つ目の削除は、最初の代わりのPodがReadyになってから始まります。',
      },
      why: {
        en: "Drainboard sees kubectl's evictions only through the pods: the DisruptionTarget condition says the Eviction API started them.",
        ja: 'DrainboardはkubectlのEvictionをPodを通してしか見られません。DisruptionTarget条件から、Eviction APIが始めたことがわかります。',
      },
      docs: [SIX_STEPS],
      check: kubectlTimelines,
    },
    {
      id: 'drained',
      title: { en: 'Wait for "drained"', ja: '「drained」を待つ' },
      action: {
        kind: 'ui',
        where: { en: `Nodes: ${NODE}.`, ja: `Nodesで${NODE}を見ます。` },
      },
      expect: {
        en: `node/${NODE} drained in the terminal; no web pod is left on ${NODE}.`,
        ja: `ターミナルにnode/${NODE} drainedと表示され、${NODE}にweb Podは残っていません。`,
      },
      why: {
        en: 'kubectl waits for every evicted pod to be gone before it says drained.',
        ja: 'kubectlは、退避したPodがすべて消えるのを待ってからdrainedと表示します。',
      },
      docs: [SAFE_DRAIN],
      check: drained,
    },
    {
      id: 'uncordon',
      title: { en: `Uncordon ${NODE}`, ja: `${NODE}をuncordonする` },
      action: { kind: 'kubectl', args: ['uncordon', NODE] },
      expect: {
        en: `node/${NODE} uncordoned.`,
        ja: `node/${NODE} uncordonedと表示されます。`,
      },
      why: {
        en: 'The node takes new pods again; the pods that moved stay where they are.',
        ja: 'ノードは再び新しいPodを受け入れます。移動したPodはそのまま移動先に残ります。',
      },
      docs: [UNCORDON],
      check: (s) => nodeOf(s, NODE)?.isCordoned === false,
    },
  ],
};
