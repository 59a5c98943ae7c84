import { drainsOf, nodeOf } from './checks';
import { SAFE_DRAIN, TOO_MANY_429, UNCORDON } from './docs';
import { budget, bundle, deployment, service } from './manifests';
import type { Check, Walkthrough } from './types';

const NODE = 'node-1';
const timing = { 'start-after': '500ms', 'ready-after': '2s', 'shutdown-after': '1s' };

const started: Check = (s) => drainsOf(s, NODE).length > 0;
const cordoned: Check = (s) => started(s) && nodeOf(s, NODE)?.isCordoned === true;
const complete: Check = (s) => drainsOf(s, NODE).some((d) => d.state === 'complete');
const uncordoned: Check = (s) => started(s) && nodeOf(s, NODE)?.isCordoned === false;

/** 7. A safe node drain from Drainboard: plan, run, its three stages, uncordon. */
export const safeDrain: Walkthrough = {
  id: 'safe-drain',
  title: { en: 'A safe node drain', ja: '安全なノードのドレイン' },
  summary: {
    en: `Drain ${NODE} from Drainboard: plan it, run it, follow each pod through accepted, gone and replacement Ready, then uncordon the node.`,
    ja: `Drainboard から ${NODE} をドレインします。計画を立てて実行し、各 Pod が Eviction の受理、削除、代替 Pod の Ready へと進むのを追い、最後にノードを uncordon します。`,
  },
  manifests: () =>
    bundle(
      // Two web pods on each of node-1 and node-2: the drain meets the budget once.
      deployment({ name: 'web', replicas: 4, nodes: ['node-1', 'node-2'], timing }),
      service('web'),
      budget({ name: 'web', selector: { app: 'web' }, maxUnavailable: 1 }),
      deployment({ name: 'api', replicas: 3, timing }),
      budget({ name: 'api', selector: { app: 'api' }, minAvailable: 2 }),
    ),
  steps: [
    {
      id: 'plan',
      title: { en: `Plan the drain of ${NODE}`, ja: `${NODE} のドレインを計画する` },
      action: {
        kind: 'ui',
        where: {
          en: `In "Nodes", check the box of ${NODE} ("Select ${NODE} for drain"), press "Plan drain" and read the plan; then press "Start drain". A plan changes nothing in the cluster, so this step ticks when the drain starts.`,
          ja: `「ノード」画面で ${NODE} のチェックボックス (「${NODE} をドレインの対象に選ぶ」) をオンにし、「ドレインを計画」を押して計画を読みます。それから「ドレインを開始」を押します。計画はクラスターを何も変えないため、このステップはドレインが始まったときに完了します。`,
        },
      },
      expect: {
        en: 'Three pods to evict, and the dry run of each says "Would pass". The budget web "Waits for replacements": one web pod goes "at once", the other "wave 2: after 1 round of replacements"; api goes at once too. The drain can finish.',
        ja: '退避する Pod は 3 つで、どの dry run も「通過可能」です。PodDisruptionBudget web は「代替 Pod を待つ」で、web Pod の 1 つは「すぐに」、もう 1 つは「第 2 波: 代替 Pod 1 巡の後」に退避されます。api もすぐに退避されます。ドレインは完了できます。',
      },
      why: {
        en: 'The plan asks the cluster with dry-run evictions and plays the budgets forward: web allows one disruption at a time.',
        ja: '計画は dry run の Eviction でクラスターに問い合わせ、PodDisruptionBudget の推移を先読みします。web は一度に 1 つの停止しか許容しません。',
      },
      docs: [SAFE_DRAIN],
      check: started,
    },
    {
      id: 'run',
      title: { en: 'See it cordon first', ja: 'まず cordon されるのを見る' },
      action: {
        kind: 'ui',
        where: {
          en: `On the drain's page, look at ${NODE} under "Nodes" and at "Pods".`,
          ja: `ドレインのページで、「ノード」の ${NODE} と「Pod」を見ます。`,
        },
      },
      expect: {
        en: `The drain's page opens: ${NODE} is "Cordoned" first, then its pods are evicted; the second web pod is "Waiting on budget" (nothing is sent while the budget allows 0) until the first replacement is Ready.`,
        ja: `ドレインのページが開きます。まず ${NODE} が「cordon 済み」になり、その後 Pod が退避されます。2 つ目の web Pod は、最初の代替 Pod が Ready になるまで「PodDisruptionBudget 待ち」です (PodDisruptionBudget が 0 を許容する間は何も送りません)。`,
      },
      why: {
        en: 'Cordoning keeps new pods off the node; the drain respects the budgets, so it waits instead of forcing.',
        ja: 'cordon すると新しい Pod はそのノードに置かれなくなります。ドレインは PodDisruptionBudget を尊重するため、強制せずに待ちます。',
      },
      docs: [SAFE_DRAIN, TOO_MANY_429],
      check: cordoned,
    },
    {
      id: 'three-stages',
      title: { en: 'Follow the three stages', ja: '3 つの段階を追う' },
      action: {
        kind: 'ui',
        where: {
          en: 'On the drain\'s page, watch its three bars: "Evictions accepted", "Pods gone", "Replacements Ready".',
          ja: 'ドレインのページで 3 本のバー「受理された Eviction」「削除された Pod」「Ready の代替 Pod」を見守ります。',
        },
      },
      expect: {
        en: `"Safe to power off" once no pod is left on ${NODE}; "Complete" once every replacement is Ready.`,
        ja: `${NODE} に Pod が残っていなければ「電源を切っても安全」と表示され、代替 Pod がすべて Ready になると「完了」になります。`,
      },
      why: {
        en: 'Gone is what the node needs; replacement Ready is what the application needs. A drain is done when both hold.',
        ja: 'ノードにとって必要なのは Pod が消えること、アプリケーションにとって必要なのは代替 Pod が Ready になることです。両方がそろってドレインは完了します。',
      },
      docs: [SAFE_DRAIN],
      check: complete,
    },
    {
      id: 'uncordon',
      title: { en: `Uncordon ${NODE}`, ja: `${NODE} を uncordon する` },
      action: { kind: 'kubectl', args: ['uncordon', NODE] },
      expect: {
        en: `\`node/${NODE} uncordoned\`: it takes new pods again.`,
        ja: `\`node/${NODE} uncordoned\` と表示され、再び新しい Pod を受け入れるようになります。`,
      },
      why: {
        en: 'A drained node stays unschedulable until someone uncordons it: with kubectl, or with "Uncordon" on the drain\'s page.',
        ja: 'ドレインしたノードは、uncordon されるまでスケジュール不可のままです。kubectl でも、ドレインのページの「uncordon」でも uncordon できます。',
      },
      docs: [UNCORDON],
      check: uncordoned,
    },
  ],
};
