import { blocked429, budgetIs, evicted, passedAfter429 } from './checks';
import { TOO_MANY_429 } from './docs';
import { budget, bundle, deployment, service } from './manifests';
import type { Walkthrough } from './types';

/** 2. maxUnavailable 1: one eviction passes, the next gets 429 until the replacement is Ready. */
export const oneAllowed: Walkthrough = {
  id: 'one-allowed',
  title: { en: 'A budget that allows one', ja: '1つだけ許可するPodDisruptionBudget' },
  summary: {
    en: 'Three web pods under a PodDisruptionBudget with maxUnavailable 1: the first eviction passes, the second gets 429 Too Many Requests, and passes once the replacement is Ready.',
    ja: 'maxUnavailable 1のPodDisruptionBudgetで守られた3つのweb Podです。最初のEvictionは通り、2つ目は429 Too Many Requestsになり、代わりのPodがReadyになると通ります。',
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
      title: { en: 'Read the budget', ja: 'PodDisruptionBudgetを読む' },
      action: {
        kind: 'ui',
        where: {
          en: 'Budgets, namespace learn: open the budget web once its three pods are Ready.',
          ja: 'Budgetsでnamespace learnを選び、3つのPodがReadyになったらPodDisruptionBudget webを開きます。',
        },
      },
      expect: {
        en: 'Allowed disruptions 1: needs 2 healthy, has 3.',
        ja: '許可される中断数は1です(正常なPodが2つ必要で、現在3つ)。',
      },
      why: {
        en: 'maxUnavailable 1 of 3 replicas: desired healthy is 2, so one pod may be disrupted at a time.',
        ja: 'レプリカ3つに対してmaxUnavailableが1なので、必要な正常Pod数は2です。一度に中断できるPodは1つだけです。',
      },
      docs: [TOO_MANY_429],
      check: budgetIs('web', (b) => b.disruptionsAllowed === 1 && b.currentHealthy === 3),
    },
    {
      id: 'first-evict',
      title: { en: 'Evict one web pod', ja: 'web Podを1つ退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods: Evict one web pod.',
          ja: 'Podsでweb Podを1つ選び、Evictを実行します。',
        },
      },
      expect: {
        en: 'Accepted; the budget drops to 0 allowed disruptions while the replacement starts.',
        ja: '受け付けられます。代わりのPodが起動する間、許可される中断数は0に下がります。',
      },
      why: {
        en: 'The API server takes the disruption from the budget as it accepts the eviction.',
        ja: 'APIサーバーはEvictionを受け付けると同時に、その中断分をPodDisruptionBudgetから差し引きます。',
      },
      docs: [TOO_MANY_429],
      check: evicted('web'),
    },
    {
      id: 'second-blocked',
      title: { en: 'Evict a second one at once', ja: 'すぐに2つ目を退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods: Evict another web pod before the replacement is Ready, without "Keep retrying".',
          ja: '代わりのPodがReadyになる前に、別のweb PodでEvictを実行します(「Keep retrying」はオフ)。',
        },
      },
      expect: {
        en: 'Blocked by budget: 429 Too Many Requests, "The disruption budget web needs 2 healthy pods and has 2 currently".',
        ja: 'Blocked by budgetになります。429 Too Many Requestsで、「The disruption budget web needs 2 healthy pods and has 2 currently」と返されます。',
      },
      why: {
        en: 'Only two pods are healthy: a second disruption would leave fewer than the two the budget needs, so the API server refuses it for now.',
        ja: '正常なPodは2つしかありません。さらに中断するとPodDisruptionBudgetが必要とする2つを下回るため、APIサーバーは今は拒否します。',
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
          en: 'Evict the same pod again with "Keep retrying", then watch Retries.',
          ja: '同じPodで「Keep retrying」をオンにしてEvictを実行し、Retriesを見守ります。',
        },
      },
      expect: {
        en: 'Pending retry, then accepted as soon as the replacement is Ready and the budget is back to 1.',
        ja: 'Pending retryになり、代わりのPodがReadyになって許可数が1に戻るとすぐに受け付けられます。',
      },
      why: {
        en: 'A 429 from a budget is temporary: once the replacement is Ready the budget has room again, so the same request passes.',
        ja: 'PodDisruptionBudgetによる429は一時的なものです。代わりのPodがReadyになれば余裕が戻り、同じリクエストが通ります。',
      },
      docs: [TOO_MANY_429],
      check: passedAfter429('web'),
    },
  ],
};
