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
    ja: `Drainboardから${NODE}をドレインします。計画を立てて実行し、各Podが受付、削除、代わりのPodのReadyへと進むのを追い、最後にノードをuncordonします。`,
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
      title: { en: `Plan the drain of ${NODE}`, ja: `${NODE}のドレインを計画する` },
      action: {
        kind: 'ui',
        where: {
          en: `Nodes / Drains: select ${NODE} and choose Plan.`,
          ja: `Nodes / Drainsで${NODE}を選び、Planを実行します。`,
        },
      },
      expect: {
        en: 'Three pods to evict, every dry run would pass: api at once, one web pod at once and the other after the first replacement is Ready (two waves). It can finish.',
        ja: '退避するPodは3つで、ドライランはすべて通ります。apiと1つ目のweb Podはすぐに、もう1つのweb Podは最初の代わりのPodがReadyになった後(2つ目の波)に退避されます。ドレインは完了できます。',
      },
      why: {
        en: 'The plan asks the cluster with dry-run evictions and plays the budgets forward: web allows one disruption at a time.',
        ja: '計画はドライランのEvictionでクラスターに問い合わせ、PodDisruptionBudgetの推移を先読みします。webは一度に1つの中断しか許可しません。',
      },
      docs: [SAFE_DRAIN],
      check: started,
    },
    {
      id: 'run',
      title: { en: 'Run it', ja: '実行する' },
      action: {
        kind: 'ui',
        where: { en: 'Choose Start drain.', ja: 'Start drainを選びます。' },
      },
      expect: {
        en: `${NODE} is cordoned first, then its pods are evicted; the second web pod waits on a 429 until the first replacement is Ready.`,
        ja: `まず${NODE}がcordonされ、その後Podが退避されます。2つ目のweb Podは、最初の代わりのPodがReadyになるまで429で待たされます。`,
      },
      why: {
        en: 'Cordoning keeps new pods off the node; the drain respects the budgets, so it waits instead of forcing.',
        ja: 'cordonすると新しいPodはそのノードに置かれなくなります。ドレインはPodDisruptionBudgetを尊重するため、強制せずに待ちます。',
      },
      docs: [SAFE_DRAIN, TOO_MANY_429],
      check: cordoned,
    },
    {
      id: 'three-stages',
      title: { en: 'Follow the three stages', ja: '3つの段階を追う' },
      action: {
        kind: 'ui',
        where: {
          en: "Watch the drain's progress bars: accepted, gone, replacement Ready.",
          ja: 'ドレインの進捗バー(受付、削除、代わりのPodのReady)を見守ります。',
        },
      },
      expect: {
        en: `"Safe to power off" once no pod is left on ${NODE}; complete once every replacement is Ready.`,
        ja: `${NODE}にPodが残っていなければ「Safe to power off」と表示され、代わりのPodがすべてReadyになると完了します。`,
      },
      why: {
        en: 'Gone is what the node needs; replacement Ready is what the application needs. A drain is done when both hold.',
        ja: 'ノードにとって必要なのはPodが消えること、アプリケーションにとって必要なのは代わりのPodがReadyになることです。両方がそろってドレインは完了します。',
      },
      docs: [SAFE_DRAIN],
      check: complete,
    },
    {
      id: 'uncordon',
      title: { en: `Uncordon ${NODE}`, ja: `${NODE}をuncordonする` },
      action: { kind: 'kubectl', args: ['uncordon', NODE] },
      expect: {
        en: `node/${NODE} uncordoned: it takes new pods again.`,
        ja: `node/${NODE} uncordonedと表示され、再び新しいPodを受け入れるようになります。`,
      },
      why: {
        en: 'A drained node stays unschedulable until someone uncordons it.',
        ja: 'ドレインしたノードは、uncordonされるまでスケジュール不可のままです。',
      },
      docs: [UNCORDON],
      check: uncordoned,
    },
  ],
};
