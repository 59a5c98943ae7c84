import { blocked429, budgetIs, evicted, passedAfter429 } from './checks';
import { TOO_MANY_429 } from './docs';
import { budget, bundle, deployment, service } from './manifests';
import type { Walkthrough } from './types';

/** 2. maxUnavailable 1: one eviction passes, the next gets 429 until the replacement is Ready. */
export const oneAllowed: Walkthrough = {
  id: 'one-allowed',
  title: { en: 'A budget that allows one', ja: '1 つだけ許可する PodDisruptionBudget' },
  summary: {
    en: 'Three web pods under a PodDisruptionBudget with maxUnavailable 1: the first eviction passes, the second gets 429 Too Many Requests, and passes once the replacement is Ready.',
    ja: 'maxUnavailable 1 の PodDisruptionBudget で守られた 3 つの web Pod です。最初の Eviction は通り、2 つ目は 429 Too Many Requests になり、代替 Pod が Ready になると通ります。',
  },
  manifests: () =>
    bundle(
      // Replacements take 8 s to turn Ready: time to see the second eviction refused.
      deployment({
        name: 'web',
        replicas: 3,
        timing: { 'start-after': '500ms', 'ready-after': '8s', 'shutdown-after': '1s' },
      }),
      service('web'),
      budget({ name: 'web', selector: { app: 'web' }, maxUnavailable: 1 }),
    ),
  steps: [
    {
      id: 'read-budget',
      title: { en: 'Read the budget', ja: 'PodDisruptionBudget を読む' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Budgets", type learn in "Namespace" and find learn/web once its three pods are Ready.',
          ja: '「PodDisruptionBudget」画面の「Namespace」に learn と入力し、3 つの Pod が Ready になったら learn/web を見ます。',
        },
      },
      expect: {
        en: 'One allowed disruption: "Allows 1 disruption now: needs 2 healthy pods, has 3."',
        ja: '許容される停止数は 1 です: 「いまは 1 件の停止を許容します (必要な正常 Pod 2、現在 3)。」',
      },
      why: {
        en: 'maxUnavailable 1 of 3 replicas: desired healthy is 2, so one pod may be disrupted at a time.',
        ja: 'レプリカ 3 つに対して maxUnavailable が 1 なので、必要な正常 Pod 数は 2 です。一度に停止できる Pod は 1 つだけです。',
      },
      docs: [TOO_MANY_429],
      check: budgetIs('web', (b) => b.disruptionsAllowed === 1 && b.currentHealthy === 3),
    },
    {
      id: 'first-evict',
      title: { en: 'Evict one web pod', ja: 'web Pod を 1 つ退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", press "Evict" on one web pod, then "Evict" in the dialog.',
          ja: '「Pod」画面で web Pod の 1 つの「退避」を押し、ダイアログの「退避」を押します。',
        },
      },
      expect: {
        en: '"Evicted: the pod will be deleted gracefully"; the budget drops to 0 allowed disruptions while the replacement starts.',
        ja: '「退避しました: Pod はグレースフルに削除されます」と表示されます。代替 Pod が起動する間、許容される停止数は 0 に下がります。',
      },
      why: {
        en: 'The API server takes the disruption from the budget as it accepts the eviction.',
        ja: 'API サーバーは Eviction を受理すると同時に、その停止の分を PodDisruptionBudget から差し引きます。',
      },
      docs: [TOO_MANY_429],
      check: evicted('web'),
    },
    {
      id: 'second-blocked',
      title: { en: 'Evict a second one at once', ja: 'すぐに 2 つ目を退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Before the replacement is Ready: in "Pods", press "Evict" on another web pod, leave "Keep retrying if blocked" unchecked and press "Evict".',
          ja: '代替 Pod が Ready になる前に、「Pod」画面で別の web Pod の「退避」を押し、「ブロックされたらリトライを続ける」をオフのまま「退避」を押します。',
        },
      },
      expect: {
        en: '"Blocked by budget web": 429 Too Many Requests, and "The cluster said:" `The disruption budget web needs 2 healthy pods and has 2 currently`.',
        ja: '「PodDisruptionBudget web によりブロック」と表示されます。429 Too Many Requests で、「クラスターの応答:」は `The disruption budget web needs 2 healthy pods and has 2 currently` です。',
      },
      why: {
        en: 'Only two pods are healthy: a second disruption would leave fewer than the two the budget needs, so the API server refuses it for now.',
        ja: '正常な Pod は 2 つしかありません。さらに停止すると PodDisruptionBudget が必要とする 2 つを下回るため、API サーバーはいまは拒否します。',
      },
      docs: [TOO_MANY_429],
      check: blocked429('web'),
    },
    {
      id: 'passes-when-ready',
      title: { en: 'Watch it pass', ja: '通る瞬間を見る' },
      action: {
        kind: 'ui',
        where: {
          en: 'Press "Evict" on the same pod again, this time check "Keep retrying if blocked" and press "Evict"; then choose "Follow this retry in Retries".',
          ja: '同じ Pod の「退避」をもう一度押し、今度は「ブロックされたらリトライを続ける」をオンにして「退避」を押します。その後「このリトライをリトライ画面で追う」を選びます。',
        },
      },
      expect: {
        en: '"Pending retry: blocked by budget web"; in "Retries" it is "Pending retry" until the replacement is Ready and the budget is back to 1, then "Evicted" under "Finished".',
        ja: '「リトライ待ち: PodDisruptionBudget web によりブロック」と表示されます。「リトライ」画面では、代替 Pod が Ready になって許容数が 1 に戻るまで「リトライ待ち」で、その後「終了」の下で「退避済み」になります。',
      },
      why: {
        en: 'A 429 from a budget is temporary: once the replacement is Ready the budget has room again, so the same request passes.',
        ja: 'PodDisruptionBudget による 429 は一時的なものです。代替 Pod が Ready になれば余裕が戻り、同じリクエストが通ります。',
      },
      docs: [TOO_MANY_429],
      check: passedAfter429('web'),
    },
  ],
};
