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
    ja: `停止に15秒かかるアプリのStatefulSetで、猶予期間は${GRACE}秒です。代わりのPodは古いPodと同じ名前を使うため、次のEvictionはシャットダウンが終わるまで待たされます。`,
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
      title: { en: 'Evict slow-1', ja: 'slow-1を退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods, namespace learn: Evict slow-1.',
          ja: 'Podsでnamespace learnを選び、slow-1をEvictします。',
        },
      },
      expect: {
        en: 'Accepted; slow-1 turns Terminating.',
        ja: '受け付けられ、slow-1はTerminatingになります。',
      },
      why: {
        en: 'Both pods are Ready and the budget allows one disruption.',
        ja: '両方のPodがReadyで、PodDisruptionBudgetは中断を1つ許可しています。',
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
          en: "Timelines: open slow-1's timeline and look at the shaded grace window.",
          ja: 'Timelinesでslow-1のタイムラインを開き、網掛けされた猶予期間を見ます。',
        },
      },
      expect: {
        en: `A ${GRACE} s window from the deletion timestamp to the deadline; the containers stop after 15 s, inside it, so nothing is killed.`,
        ja: `削除タイムスタンプから期限までの${GRACE}秒の期間が表示されます。コンテナは15秒後、その期間内に停止するので、強制終了はされません。`,
      },
      why: {
        en: 'The kubelet sends SIGTERM at once and waits up to the grace period before it kills what is left.',
        ja: 'kubeletはすぐにSIGTERMを送り、残ったプロセスを強制終了するまで最大で猶予期間だけ待ちます。',
      },
      docs: [GRACE_PERIOD, SIX_STEPS],
      check: inGraceWindow,
    },
    {
      id: 'next-waits',
      title: { en: 'Evict slow-0 meanwhile', ja: 'その間にslow-0を退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'While slow-1 is still Terminating: Evict slow-0, without "Keep retrying".',
          ja: 'slow-1がまだTerminatingの間に、slow-0をEvictします(「Keep retrying」はオフ)。',
        },
      },
      expect: {
        en: 'Blocked by budget: 429, needs 1 healthy, has 1.',
        ja: 'Blocked by budgetになります。429で、必要1、現在1です。',
      },
      why: {
        en: "A terminating pod no longer counts as healthy, and the StatefulSet creates slow-1 again only once the old one is gone: the budget waits for the whole shutdown plus the new pod's start.",
        ja: '終了処理中のPodは正常とはみなされません。StatefulSetは古いslow-1が消えてから同じ名前で作り直すため、PodDisruptionBudgetはシャットダウン全体と新しいPodの起動を待つことになります。',
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
          en: 'Evict slow-0 again with "Keep retrying" and watch Retries and Timelines.',
          ja: 'slow-0で「Keep retrying」をオンにして再度Evictし、RetriesとTimelinesを見守ります。',
        },
      },
      expect: {
        en: 'Pending retry until the new slow-1 is Ready (about 17 s after the first eviction), then accepted.',
        ja: '新しいslow-1がReadyになるまで(最初のEvictionから約17秒)Pending retryのままで、その後受け付けられます。',
      },
      why: {
        en: "The wait is the old pod's shutdown, not a failure: a long grace period delays every next eviction under the same budget.",
        ja: 'この待ち時間は失敗ではなく、古いPodのシャットダウンによるものです。猶予期間が長いと、同じPodDisruptionBudgetの下の次のEvictionはすべて遅れます。',
      },
      docs: [STUCK_LONG_GRACE],
      check: passedAfter429('slow'),
    },
  ],
};
