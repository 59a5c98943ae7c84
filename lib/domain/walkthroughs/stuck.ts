import type { RetryView } from '../retries';
import { attemptsOn, budgetIs, evicted, podsOf, timelinesOf } from './checks';
import { REMEDY_DELETE, REMEDY_PAUSE, STUCK_NOT_READY, TOO_MANY_429 } from './docs';
import { NS, budget, bundle, deployment } from './manifests';
import type { Check, Walkthrough, WalkthroughState } from './types';

const retriesOf = (s: WalkthroughState): RetryView[] =>
  s.snapshot.retries.filter((r) => r.namespace === NS && r.pod.startsWith('shop-'));

const replacementNotReady: Check = (s) =>
  budgetIs('shop', (b) => b.disruptionsAllowed === 0)(s) &&
  podsOf(s, 'shop').some(
    (p) => p.phase === 'Running' && !p.isReady && p.deletionTimestamp === null,
  );

/** Retried on 429 again and again, or flagged stuck by the stuck monitor. */
const looping: Check = (s) =>
  retriesOf(s).some((r) => r.attempts >= 2 && r.lastAnswer?.clusterCode === 429) ||
  s.snapshot.stuck.some(
    (i) =>
      i.namespace === NS &&
      ((i.kind === 'retry' && i.name.startsWith('shop-')) ||
        (i.kind === 'budget' && i.name === 'shop')),
  );

const deleted: Check = (s) =>
  attemptsOn(s, 'shop').some((a) => a.action === 'delete' && a.outcome === 'deleted') ||
  timelinesOf(s, 'shop').some((t) => t.attribution === 'deletion');

/** 4. Stuck: the replacement never becomes Ready; the 429 loop and the docs' two remedies. */
export const stuck: Walkthrough = {
  id: 'stuck',
  title: {
    en: 'Stuck: a replacement that never becomes Ready',
    ja: '詰まり: Readyにならない代わりのPod',
  },
  summary: {
    en: 'A budget needing 2 of 3 shop pods; replacements never become Ready, so after one eviction every other one gets 429 for ever. Try the two remedies of the troubleshooting section.',
    ja: '3つのshop Podのうち2つを必要とするPodDisruptionBudgetです。代わりのPodがReadyにならないため、1回退避した後はすべてのEvictionが429のままになります。トラブルシューティングの2つの対処法を試しましょう。',
  },
  manifests: (now) =>
    bundle(
      // Pods created more than 5 s after load (the replacements) run but never become Ready.
      deployment({
        name: 'shop',
        replicas: 3,
        timing: {
          'start-after': '500ms',
          'ready-after': '1s',
          'shutdown-after': '1s',
          'never-ready-if-created-after': new Date(now + 5000).toISOString(),
        },
      }),
      budget({ name: 'shop', selector: { app: 'shop' }, minAvailable: 2 }),
    ),
  steps: [
    {
      id: 'first-evict',
      title: { en: 'Evict one shop pod', ja: 'shop Podを1つ退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods, namespace learn: Evict one shop pod.',
          ja: 'Podsでnamespace learnを選び、shop Podを1つEvictします。',
        },
      },
      expect: {
        en: 'Accepted: the budget allowed one disruption.',
        ja: '受け付けられます。PodDisruptionBudgetは中断を1つ許可していました。',
      },
      why: {
        en: '3 healthy, 2 needed: one may go.',
        ja: '正常なPodが3つで必要数は2つなので、1つは退避できます。',
      },
      docs: [TOO_MANY_429],
      check: evicted('shop'),
    },
    {
      id: 'never-ready',
      title: { en: 'Look at the replacement', ja: '代わりのPodを確認する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods: find the new shop pod; Budgets: open shop.',
          ja: 'Podsで新しいshop Podを探し、BudgetsでPodDisruptionBudget shopを開きます。',
        },
      },
      expect: {
        en: 'The replacement is Running but never Ready; the budget stays at 0 allowed: needs 2 healthy, has 2.',
        ja: '代わりのPodはRunningですがReadyになりません。許可される中断数は0のままです(必要2、現在2)。',
      },
      why: {
        en: 'Only Ready pods count as healthy. Until the replacement is Ready, the budget has no room.',
        ja: '正常とみなされるのはReadyのPodだけです。代わりのPodがReadyになるまで、PodDisruptionBudgetに余裕は戻りません。',
      },
      docs: [STUCK_NOT_READY],
      check: replacementNotReady,
    },
    {
      id: 'loop-429',
      title: { en: 'See the 429 loop', ja: '429のループを見る' },
      action: {
        kind: 'ui',
        where: {
          en: 'Evict another shop pod with "Keep retrying", then open Retries.',
          ja: '別のshop Podで「Keep retrying」をオンにしてEvictを実行し、Retriesを開きます。',
        },
      },
      expect: {
        en: 'Pending retry, answered 429 at every attempt; after a while it is marked Stuck, with the diagnosis "never ready".',
        ja: 'Pending retryになり、毎回429が返されます。しばらくするとStuckと表示され、原因としてReadyにならないPodが示されます。',
      },
      why: {
        en: 'Retrying cannot help: the budget only reopens when a replacement becomes Ready, and none will.',
        ja: '再試行しても解決しません。PodDisruptionBudgetに余裕が戻るのは代わりのPodがReadyになったときだけで、それは起こりません。',
      },
      docs: [STUCK_NOT_READY, TOO_MANY_429],
      check: looping,
    },
    {
      id: 'pause',
      title: { en: 'Remedy 1: stop and investigate', ja: '対処法1: 止めて調査する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Retries: Cancel the pending retry; read the diagnosis of the stuck item.',
          ja: 'RetriesでPending retryをキャンセルし、Stuckの診断を読みます。',
        },
      },
      expect: {
        en: 'The retry is cancelled: nothing evicts the pod any more, and the cause (the replacement never becomes Ready) is for you to fix.',
        ja: '再試行はキャンセルされ、もうPodを退避しようとはしません。原因(代わりのPodがReadyにならないこと)を直すのはあなたです。',
      },
      why: {
        en: 'The first remedy of the docs: stop the automation, fix the application, then start again.',
        ja: 'ドキュメントの1つ目の対処法です。自動化を止め、アプリケーションを直してから再開します。',
      },
      docs: [REMEDY_PAUSE],
      check: (s) => retriesOf(s).some((r) => r.state === 'cancelled'),
    },
    {
      id: 'delete',
      title: { en: 'Remedy 2: delete the pod', ja: '対処法2: Podを削除する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods: on a blocked shop pod choose Delete pod and type its name to confirm.',
          ja: 'Podsでブロックされているshop PodのDelete podを選び、名前を入力して確定します。',
        },
      },
      expect: {
        en: 'Deleted: no 429, the budget is not consulted; now only one shop pod is Ready.',
        ja: '削除されます。429は返らず、PodDisruptionBudgetは確認されません。Readyなshop Podは1つだけになります。',
      },
      why: {
        en: 'A DELETE bypasses every budget: the last resort of the docs, taken knowing the availability it costs.',
        ja: 'DELETEはすべてのPodDisruptionBudgetを迂回します。ドキュメントの最後の手段であり、可用性を犠牲にすることを承知のうえで使います。',
      },
      docs: [REMEDY_DELETE],
      check: deleted,
    },
  ],
};
