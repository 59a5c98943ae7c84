import { selectsPod } from '../budget-selection';
import { attemptsOn, evicted, podsOf } from './checks';
import { MISCONFIGURED_500, OVERLAPPING_SELECTORS } from './docs';
import { NS, budget, bundle, deployment } from './manifests';
import type { Check, Walkthrough, WalkthroughState } from './types';

/** How many budgets select each live api pod. */
const budgetCounts = (s: WalkthroughState): number[] =>
  podsOf(s, 'api')
    .filter((p) => p.deletionTimestamp === null)
    .map((p) => s.snapshot.budgets.filter((b) => selectsPod(b, p)).length);

const hasOverlap: Check = (s) => budgetCounts(s).some((n) => n > 1);

const isFixed: Check = (s) => {
  const counts = budgetCounts(s);
  return counts.length > 0 && counts.every((n) => n === 1);
};

const FIX = JSON.stringify({
  spec: { selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] } },
});

const timing = { 'start-after': '500ms', 'ready-after': '1s', 'shutdown-after': '1s' };

/** 3. Two budgets select one pod: 500, and the fix of the selectors. */
export const twoBudgets: Walkthrough = {
  id: 'two-budgets',
  title: { en: 'Two budgets, one pod: 500', ja: '1つのPodに2つのPodDisruptionBudget: 500' },
  summary: {
    en: 'The api pods are selected by their own budget and by a budget for the whole backend tier: every eviction fails with 500 until the selectors no longer overlap.',
    ja: 'api Podは専用のPodDisruptionBudgetと、backend層全体のPodDisruptionBudgetの両方に選択されています。セレクターの重なりを解消するまで、Evictionはすべて500で失敗します。',
  },
  manifests: () =>
    bundle(
      deployment({ name: 'api', replicas: 2, labels: { tier: 'backend' }, timing }),
      deployment({ name: 'cache', replicas: 2, labels: { tier: 'backend' }, timing }),
      budget({ name: 'api', selector: { app: 'api' }, maxUnavailable: 1 }),
      budget({ name: 'backend', selector: { tier: 'backend' }, maxUnavailable: 1 }),
    ),
  steps: [
    {
      id: 'see-overlap',
      title: { en: 'List the budgets', ja: 'PodDisruptionBudgetの一覧を見る' },
      action: { kind: 'kubectl', args: ['-n', NS, 'get', 'pdb'] },
      expect: {
        en: 'Two budgets, api (app=api) and backend (tier=backend); Budgets in Drainboard marks both as selecting the api pods.',
        ja: 'api(app=api)とbackend(tier=backend)の2つが表示されます。DrainboardのBudgetsでは、両方がapi Podを選択していることが示されます。',
      },
      why: {
        en: 'The api pods carry both labels, so both selectors match them.',
        ja: 'api Podは両方のラベルを持っているため、どちらのセレクターにも一致します。',
      },
      docs: [OVERLAPPING_SELECTORS],
      check: hasOverlap,
    },
    {
      id: 'evict-500',
      title: { en: 'Try to evict an api pod', ja: 'api Podの退避を試す' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods: Evict an api pod.',
          ja: 'Podsでapi Podを1つ選び、Evictを実行します。',
        },
      },
      expect: {
        en: 'Misconfigured: 500, "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support." Nothing changes.',
        ja: '設定エラーになります。500で「This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.」と返され、何も変更されません。',
      },
      why: {
        en: 'The API server does not choose between budgets: with more than one, it refuses every eviction of the pod. Retrying cannot help.',
        ja: 'APIサーバーは複数のPodDisruptionBudgetから1つを選ぶことはしません。2つ以上あれば、そのPodのEvictionをすべて拒否します。再試行しても解決しません。',
      },
      docs: [MISCONFIGURED_500],
      check: (s) => attemptsOn(s, 'api').some((a) => a.outcome === 'multiple-budgets'),
    },
    {
      id: 'fix-selector',
      title: { en: 'Narrow the backend budget', ja: 'backendのセレクターを絞り込む' },
      action: {
        kind: 'kubectl',
        args: ['-n', NS, 'patch', 'pdb', 'backend', '--type', 'merge', '-p', FIX],
      },
      expect: {
        en: 'The backend budget now selects tier=backend except app=api: each api pod has exactly one budget.',
        ja: 'backendはtier=backendのうちapp=api以外を選択するようになり、各api PodのPodDisruptionBudgetはちょうど1つになります。',
      },
      why: {
        en: 'One budget per pod is the rule; the cache pods stay protected by backend, the api pods by api.',
        ja: '1つのPodに1つのPodDisruptionBudgetが原則です。cache Podは引き続きbackendに、api Podはapiに守られます。',
      },
      docs: [OVERLAPPING_SELECTORS],
      check: isFixed,
    },
    {
      id: 'evict-ok',
      title: { en: 'Evict again', ja: 'もう一度退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods: Evict an api pod again.',
          ja: 'Podsでもう一度api PodのEvictを実行します。',
        },
      },
      expect: {
        en: 'Accepted: the budget api alone decides, and it allows one disruption.',
        ja: '受け付けられます。判断するのはPodDisruptionBudget apiだけで、中断を1つ許可しています。',
      },
      why: {
        en: 'With a single matching budget the API server checks its allowed disruptions as usual.',
        ja: '一致するPodDisruptionBudgetが1つだけなら、APIサーバーは通常どおり許可される中断数を確認します。',
      },
      docs: [MISCONFIGURED_500],
      check: evicted('api'),
    },
  ],
};
