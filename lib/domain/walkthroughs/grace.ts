import { blocked429, evicted, passedAfter429, podsOf, timelinesOf } from './checks';
import { GRACE_PERIOD, SIX_STEPS, STUCK_LONG_GRACE, TOO_MANY_429 } from './docs';
import { budget, bundle, service, statefulSet } from './manifests';
import type { Check, Walkthrough } from './types';

const GRACE = 20;

/** A pod in its grace window now, or one whose termination has gone past it already. */
const inGraceWindow: Check = (s) =>
  podsOf(s, 'slow').some(
    (p) => p.deletionTimestamp !== null && p.deletionGracePeriodSeconds === GRACE,
  ) || timelinesOf(s, 'slow').some((t) => t.current !== 'blocked' && t.current !== 'terminating');

/** 5. A long grace period: the next eviction waits for the old pod to finish stopping. */
export const grace: Walkthrough = {
  id: 'grace',
  title: { en: 'A long grace period', ja: '長い猶予期間' },
  summary: {
    en: `A StatefulSet whose app takes 15 s to stop, with a ${GRACE} s grace period: the replacement keeps the old pod's name, so the next eviction waits for the whole shutdown.`,
    ja: `停止に 15 秒かかるアプリの StatefulSet で、猶予期間は ${GRACE} 秒です。代替 Pod は古い Pod と同じ名前を使うため、次の Eviction はシャットダウンが終わるまで待たされます。`,
  },
  manifests: () =>
    bundle(
      statefulSet({
        name: 'slow',
        replicas: 2,
        gracePeriodSeconds: GRACE,
        timing: { 'start-after': '500ms', 'ready-after': '1s', 'shutdown-after': '15s' },
      }),
      service('slow'),
      budget({ name: 'slow', selector: { app: 'slow' }, maxUnavailable: 1 }),
    ),
  steps: [
    {
      id: 'evict-first',
      title: { en: 'Evict slow-1', ja: 'slow-1 を退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", type learn in "Namespace", press "Evict" on slow-1, then "Evict" in the dialog.',
          ja: '「Pod」画面の「Namespace」に learn と入力し、slow-1 の「退避」を押して、ダイアログの「退避」を押します。',
        },
      },
      expect: {
        en: '"Evicted: the pod will be deleted gracefully"; slow-1 turns Terminating.',
        ja: '「退避しました: Pod はグレースフルに削除されます」と表示され、slow-1 は Terminating になります。',
      },
      why: {
        en: 'Both pods are Ready and the budget allows one disruption.',
        ja: '両方の Pod が Ready で、PodDisruptionBudget は停止を 1 つ許容しています。',
      },
      docs: [TOO_MANY_429],
      check: evicted('slow'),
    },
    {
      id: 'grace-window',
      title: { en: 'See the grace window', ja: '猶予期間を見る' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Timelines", open the timeline of learn/slow-1 and look at the shaded "grace period" on its "Chart".',
          ja: '「タイムライン」画面で learn/slow-1 のタイムラインを開き、「チャート」で網掛けされた「猶予期間」を見ます。',
        },
      },
      expect: {
        en: `A ${GRACE} s window from the deletion timestamp to the "deadline"; the containers stop after 15 s, inside it, so nothing is killed.`,
        ja: `削除タイムスタンプから「期限」までの ${GRACE} 秒の期間が表示されます。コンテナは 15 秒後、その期間内に停止するので、強制終了はされません。`,
      },
      why: {
        en: 'The kubelet sends SIGTERM at once and waits up to the grace period before it kills what is left.',
        ja: 'kubelet はすぐに SIGTERM を送り、残ったプロセスを強制終了するまで最大で猶予期間だけ待ちます。',
      },
      docs: [GRACE_PERIOD, SIX_STEPS],
      check: inGraceWindow,
    },
    {
      id: 'next-waits',
      title: { en: 'Evict slow-0 meanwhile', ja: 'その間に slow-0 を退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'While slow-1 is still Terminating: in "Pods", press "Evict" on slow-0, leave "Keep retrying if blocked" unchecked and press "Evict".',
          ja: 'slow-1 がまだ Terminating の間に、「Pod」画面で slow-0 の「退避」を押し、「ブロックされたらリトライを続ける」をオフのまま「退避」を押します。',
        },
      },
      expect: {
        en: '"Blocked by budget slow": 429, the budget "needs 1 healthy pod, has 1".',
        ja: '「PodDisruptionBudget slow によりブロック」と表示されます。429 で、PodDisruptionBudget は「必要な正常 Pod 1、現在 1」です。',
      },
      why: {
        en: "A terminating pod no longer counts as healthy, and the StatefulSet creates slow-1 again only once the old one is gone: the budget waits for the whole shutdown plus the new pod's start.",
        ja: '終了処理中の Pod は正常とはみなされません。StatefulSet は古い slow-1 が消えてから同じ名前で作り直すため、PodDisruptionBudget はシャットダウン全体と新しい Pod の起動を待つことになります。',
      },
      docs: [STUCK_LONG_GRACE, TOO_MANY_429],
      check: blocked429('slow'),
    },
    {
      id: 'passes-after',
      title: { en: 'Let it pass', ja: '通るまで待つ' },
      action: {
        kind: 'ui',
        where: {
          en: 'Press "Evict" on slow-0 again, this time check "Keep retrying if blocked" and press "Evict"; then watch "Retries" and "Timelines".',
          ja: 'slow-0 の「退避」をもう一度押し、今度は「ブロックされたらリトライを続ける」をオンにして「退避」を押します。その後「リトライ」画面と「タイムライン」画面を見守ります。',
        },
      },
      expect: {
        en: '"Pending retry: blocked by budget slow"; in "Retries" it stays "Pending retry" until the new slow-1 is Ready (about 17 s after the first eviction), then it is "Evicted" under "Finished".',
        ja: '「リトライ待ち: PodDisruptionBudget slow によりブロック」と表示されます。「リトライ」画面では、新しい slow-1 が Ready になるまで「リトライ待ち」のままで (最初の Eviction から約 17 秒)、その後「終了」の下で「退避済み」になります。',
      },
      why: {
        en: "The wait is the old pod's shutdown, not a failure: a long grace period delays every next eviction under the same budget.",
        ja: 'この待ち時間は失敗ではなく、古い Pod のシャットダウンによるものです。猶予期間が長いと、同じ PodDisruptionBudget の下の次の Eviction はすべて遅れます。',
      },
      docs: [STUCK_LONG_GRACE],
      check: passedAfter429('slow'),
    },
  ],
};
