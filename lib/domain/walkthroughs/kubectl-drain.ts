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
  title: { en: 'kubectl drain, seen from Drainboard', ja: 'Drainboard から見る kubectl drain' },
  summary: {
    en: `Run kubectl drain ${NODE} in a terminal and watch in Drainboard the budget, the waiting pod and the timelines its evictions cause.`,
    ja: `ターミナルで kubectl drain ${NODE} を実行し、その Eviction が引き起こす PodDisruptionBudget の変化、待たされる Pod、タイムラインを Drainboard で見ます。`,
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
      title: { en: `Drain ${NODE} with kubectl`, ja: `kubectl で ${NODE} をドレインする` },
      action: { kind: 'kubectl', args: ['drain', NODE] },
      expect: {
        en: `\`node/${NODE} cordoned\`, then \`evicting pod learn/web-…\` for both web pods; in Drainboard, "Nodes" shows ${NODE} "Cordoned".`,
        ja: `\`node/${NODE} cordoned\` と表示され、続いて 2 つの web Pod について \`evicting pod learn/web-…\` が出ます。Drainboard の「ノード」画面では ${NODE} が「cordon 済み」です。`,
      },
      why: {
        en: 'kubectl drain cordons the node first, then evicts all its pods in parallel through the Eviction API.',
        ja: 'kubectl drain はまずノードを cordon し、その後 Eviction API でノード上のすべての Pod を並行して退避します。',
      },
      docs: [SAFE_DRAIN],
      check: cordoned,
    },
    {
      id: 'retries',
      title: { en: 'Read the retries', ja: 'リトライを読み解く' },
      action: {
        kind: 'ui',
        where: {
          en: `In "Budgets", type learn in "Namespace" and find learn/web; in "Pods", choose ${NODE} as "Node"; compare with the terminal.`,
          ja: `「PodDisruptionBudget」画面の「Namespace」に learn と入力して learn/web を見ます。「Pod」画面の「ノード」で ${NODE} を選び、ターミナルの出力と見比べます。`,
        },
      },
      expect: {
        en: `The terminal prints \`error when evicting pods/… (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\` every 5 s. Drainboard shows web at 0 "allowed disruptions", the first pod evicted through the Eviction API (its DisruptionTarget condition and its timeline), the other still Running on ${NODE}.`,
        ja: `ターミナルには 5 秒ごとに \`error when evicting pods/… (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\` と出ます。Drainboard では、web の「許容される停止数」は 0 で、1 つ目の Pod は Eviction API で退避され (DisruptionTarget の Condition とタイムラインでわかります)、もう 1 つは ${NODE} 上で Running のままです。`,
      },
      why: {
        en: 'The first eviction took the one disruption the budget allows; kubectl retries the other every 5 s until the replacement (on node-3) is Ready.',
        ja: '最初の Eviction が、PodDisruptionBudget の許容する唯一の停止を使いました。kubectl は代替 Pod (node-3 上) が Ready になるまで、もう 1 つを 5 秒ごとにリトライします。',
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
          en: `In "Timelines", open the timelines of the two web pods of ${NODE}.`,
          ja: `「タイムライン」画面で ${NODE} の 2 つの web Pod のタイムラインを開きます。`,
        },
      },
      expect: {
        en: 'Both are "Started by" "Eviction API (another client)", not Drainboard, and show the six deletion steps; the deletion of the second starts only after the first replacement is Ready.',
        ja: 'どちらも「開始元」が Drainboard ではなく「Eviction API (別のクライアント)」で、削除の 6 つのステップが見えます。2 つ目の削除は、最初の代替 Pod が Ready になってから始まります。',
      },
      why: {
        en: "Drainboard sees kubectl's evictions only through the pods: the DisruptionTarget condition says the Eviction API started them.",
        ja: 'Drainboard は kubectl の Eviction を Pod を通してしか見られません。DisruptionTarget の Condition から、Eviction API が始めたことがわかります。',
      },
      docs: [SIX_STEPS],
      check: kubectlTimelines,
    },
    {
      id: 'drained',
      title: { en: 'Wait for `drained`', ja: '`drained` を待つ' },
      action: {
        kind: 'ui',
        where: { en: `In "Nodes", look at ${NODE}.`, ja: `「ノード」画面で ${NODE} を見ます。` },
      },
      expect: {
        en: `\`node/${NODE} drained\` in the terminal; no web pod is left on ${NODE}.`,
        ja: `ターミナルに \`node/${NODE} drained\` と表示され、${NODE} に web Pod は残っていません。`,
      },
      why: {
        en: 'kubectl waits for every evicted pod to be gone before it says `drained`.',
        ja: 'kubectl は、退避した Pod がすべて消えるのを待ってから `drained` と表示します。',
      },
      docs: [SAFE_DRAIN],
      check: drained,
    },
    {
      id: 'uncordon',
      title: { en: `Uncordon ${NODE}`, ja: `${NODE} を uncordon する` },
      action: { kind: 'kubectl', args: ['uncordon', NODE] },
      expect: {
        en: `\`node/${NODE} uncordoned\`.`,
        ja: `\`node/${NODE} uncordoned\` と表示されます。`,
      },
      why: {
        en: 'The node takes new pods again; the pods that moved stay where they are.',
        ja: 'ノードは再び新しい Pod を受け入れます。移動した Pod はそのまま移動先に残ります。',
      },
      docs: [UNCORDON],
      check: (s) => nodeOf(s, NODE)?.isCordoned === false,
    },
  ],
};
