import { attemptsOn, budgetIs, evicted, podsOf, retriesOf, timelinesOf } from './checks';
import { REMEDY_DELETE, REMEDY_PAUSE, STUCK_NOT_READY, TOO_MANY_429 } from './docs';
import { NS, budget, bundle, deployment } from './manifests';
import type { Check, Walkthrough } from './types';

const replacementNotReady: Check = (s) =>
  budgetIs('shop', (b) => b.disruptionsAllowed === 0)(s) &&
  podsOf(s, 'shop').some(
    (p) => p.phase === 'Running' && !p.isReady && p.deletionTimestamp === null,
  );

/** Retried on 429 again and again, or flagged stuck by the stuck monitor. */
const looping: Check = (s) =>
  retriesOf(s, 'shop').some((r) => r.attempts >= 2 && r.lastAnswer?.clusterCode === 429) ||
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
    ja: '詰まり: Ready にならない代替 Pod',
  },
  summary: {
    en: 'A budget needing 2 of 3 shop pods; replacements never become Ready, so after one eviction every other one gets 429 for ever. Try the two remedies of the troubleshooting section.',
    ja: '3 つの shop Pod のうち 2 つを必要とする PodDisruptionBudget です。代替 Pod が Ready にならないため、1 回退避した後はすべての Eviction が 429 のままになります。トラブルシューティングの 2 つの対処法を試しましょう。',
  },
  manifests: (now) =>
    bundle(
      // Pods created more than 2.5 s after load (the replacements) run but never become Ready.
      // The first pods are created within it and turn Ready 4.5 s after they are created, so no
      // eviction (and no replacement) comes before it, however fast the learner is, even with
      // creation times in whole seconds as the API server writes them.
      deployment({
        name: 'shop',
        replicas: 3,
        timing: {
          'start-after': '500ms',
          'ready-after': '4s',
          'shutdown-after': '1s',
          'never-ready-if-created-after': new Date(now + 2500).toISOString(),
        },
      }),
      budget({ name: 'shop', selector: { app: 'shop' }, minAvailable: 2 }),
    ),
  steps: [
    {
      id: 'first-evict',
      title: { en: 'Evict one shop pod', ja: 'shop Pod を 1 つ退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", type learn in "Namespace", press "Evict" on one shop pod, then "Evict" in the dialog.',
          ja: '「Pod」画面の「Namespace」に learn と入力し、shop Pod の 1 つの「退避」を押して、ダイアログの「退避」を押します。',
        },
      },
      expect: {
        en: '"Evicted: the pod will be deleted gracefully": the budget allowed one disruption.',
        ja: '「退避しました: Pod はグレースフルに削除されます」と表示されます。PodDisruptionBudget は停止を 1 つ許容していました。',
      },
      why: {
        en: '3 healthy, 2 needed: one may go.',
        ja: '正常な Pod が 3 つで必要数は 2 つなので、1 つは退避できます。',
      },
      docs: [TOO_MANY_429],
      check: evicted('shop'),
    },
    {
      id: 'never-ready',
      title: { en: 'Look at the replacement', ja: '代替 Pod を確認する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", find the new shop pod; in "Budgets", find learn/shop.',
          ja: '「Pod」画面で新しい shop Pod を探し、「PodDisruptionBudget」画面で learn/shop を見ます。',
        },
      },
      expect: {
        en: 'The replacement is Running but never Ready; the budget stays at 0 allowed disruptions: "needs 2 healthy pods, has 2".',
        ja: '代替 Pod は Running ですが Ready になりません。許容される停止数は 0 のままです (「必要な正常 Pod 2、現在 2」)。',
      },
      why: {
        en: 'Only Ready pods count as healthy. Until the replacement is Ready, the budget has no room.',
        ja: '正常とみなされるのは Ready の Pod だけです。代替 Pod が Ready になるまで、PodDisruptionBudget に余裕は戻りません。',
      },
      docs: [STUCK_NOT_READY],
      check: replacementNotReady,
    },
    {
      id: 'loop-429',
      title: { en: 'See the 429 loop', ja: '429 のループを見る' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", press "Evict" on another shop pod, check "Keep retrying if blocked" and press "Evict"; then in "Retries" press its "Retry now".',
          ja: '「Pod」画面で別の shop Pod の「退避」を押し、「ブロックされたらリトライを続ける」をオンにして「退避」を押します。その後「リトライ」画面でその「今すぐリトライ」を押します。',
        },
      },
      expect: {
        en: 'The pod is "Pending retry" and "Retry now" draws another 429. On its own Drainboard sends nothing more while the budget shows 0 allowed: it waits for the budget, which never reopens here. After 5 minutes the retry is "Stuck", with the diagnosis that the replacement has not become Ready.',
        ja: 'Pod は「リトライ待ち」になり、「今すぐリトライ」でもまた 429 が返されます。PodDisruptionBudget が 0 を示している間、Drainboard は自分からは何も送らず、PodDisruptionBudget に余裕が戻るのを待ちますが、ここでは戻りません。5 分たつとリトライは「停滞」になり、代替 Pod が Ready になっていないという診断が示されます。',
      },
      why: {
        en: 'Retrying cannot help: the budget only reopens when a replacement becomes Ready, and none will.',
        ja: 'リトライしても解決しません。PodDisruptionBudget に余裕が戻るのは代替 Pod が Ready になったときだけで、それは起こりません。',
      },
      docs: [STUCK_NOT_READY, TOO_MANY_429],
      check: looping,
    },
    {
      id: 'pause',
      title: { en: 'Remedy 1: stop and investigate', ja: '対処法 1: 止めて調査する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Retries", read the diagnosis of the "Stuck" retry, then press its "Cancel".',
          ja: '「リトライ」画面で「停滞」のリトライの診断を読み、その「キャンセル」を押します。',
        },
      },
      expect: {
        en: 'The retry moves to "Finished" as "Cancelled": nothing evicts the pod any more, and the cause (the replacement never becomes Ready) is for you to fix.',
        ja: 'リトライは「終了」に移り、「キャンセル」と表示されます。もう Pod を退避しようとはしません。原因 (代替 Pod が Ready にならないこと) を直すのはあなたです。',
      },
      why: {
        en: 'The first remedy of the docs: stop the automation, fix the application, then start again.',
        ja: 'ドキュメントの 1 つ目の対処法です。自動化を止め、アプリケーションを直してから再開します。',
      },
      docs: [REMEDY_PAUSE],
      check: (s) => retriesOf(s, 'shop').some((r) => r.state === 'cancelled'),
    },
    {
      id: 'delete',
      title: { en: 'Remedy 2: delete the pod', ja: '対処法 2: Pod を削除する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", press "Evict" on the third shop pod, then "Evict" in the dialog: "Blocked by budget shop". Under "Why blocked", at "Delete the pod directly (last resort)", type the pod\'s name in "Type the pod name to delete it" and press "Delete pod".',
          ja: '「Pod」画面で 3 つ目の shop Pod の「退避」を押し、ダイアログの「退避」を押すと「PodDisruptionBudget shop によりブロック」になります。「ブロックされている理由」の「Pod を直接削除する (最後の手段)」で、「削除するには Pod の名前を入力してください」に Pod の名前を入力し、「Pod を削除」を押します。',
        },
      },
      expect: {
        en: '"Deleted (budgets bypassed)": no 429, the budget is not consulted; now only one shop pod is Ready.',
        ja: '「削除しました (PodDisruptionBudget を迂回)」と表示されます。429 は返らず、PodDisruptionBudget は確認されません。Ready の shop Pod は 1 つだけになります。',
      },
      why: {
        en: 'A DELETE bypasses every budget: the last resort of the docs, taken knowing the availability it costs.',
        ja: 'DELETE はすべての PodDisruptionBudget を迂回します。ドキュメントの最後の手段であり、可用性を犠牲にすることを承知のうえで使います。',
      },
      docs: [REMEDY_DELETE],
      check: deleted,
    },
  ],
};
