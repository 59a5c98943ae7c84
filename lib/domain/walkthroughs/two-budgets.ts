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
  title: { en: 'Two budgets, one pod: 500', ja: '1 つの Pod に 2 つの PodDisruptionBudget: 500' },
  summary: {
    en: 'The api pods are selected by their own budget and by a budget for the whole backend tier: every eviction fails with 500 until the selectors no longer overlap.',
    ja: 'api Pod は専用の PodDisruptionBudget と、backend 層全体の PodDisruptionBudget の両方に選択されています。セレクターの重なりを解消するまで、Eviction はすべて 500 で失敗します。',
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
      title: { en: 'List the budgets', ja: 'PodDisruptionBudget の一覧を見る' },
      action: { kind: 'kubectl', args: ['-n', NS, 'get', 'pdb'] },
      expect: {
        en: 'Two budgets, api (app=api) and backend (tier=backend). In Drainboard, "Budgets" (with learn in "Namespace") flags both with "Several budgets select its pods".',
        ja: 'api (app=api) と backend (tier=backend) の 2 つが表示されます。Drainboard の「PodDisruptionBudget」画面 (「Namespace」は learn) では、両方に「複数の PodDisruptionBudget が同じ Pod を選択」と表示されます。',
      },
      why: {
        en: 'The api pods carry both labels, so both selectors match them.',
        ja: 'api Pod は両方のラベルを持っているため、どちらのセレクターにも一致します。',
      },
      docs: [OVERLAPPING_SELECTORS],
      check: hasOverlap,
    },
    {
      id: 'evict-500',
      title: { en: 'Try to evict an api pod', ja: 'api Pod の退避を試す' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", press "Evict" on an api pod, then "Evict" in the dialog.',
          ja: '「Pod」画面で api Pod の 1 つの「退避」を押し、ダイアログの「退避」を押します。',
        },
      },
      expect: {
        en: '"Several budgets select this pod: a configuration error": the API server answers 500 `This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.` Nothing changes.',
        ja: '「複数の PodDisruptionBudget がこの Pod を選択しています: 設定の誤りです」と表示されます。API サーバーは 500 で `This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.` と答え、何も変更されません。',
      },
      why: {
        en: 'The API server does not choose between budgets: with more than one, it refuses every eviction of the pod. Retrying cannot help.',
        ja: 'API サーバーは複数の PodDisruptionBudget から 1 つを選ぶことはしません。2 つ以上あれば、その Pod の Eviction をすべて拒否します。リトライしても解決しません。',
      },
      docs: [MISCONFIGURED_500],
      check: (s) => attemptsOn(s, 'api').some((a) => a.outcome === 'multiple-budgets'),
    },
    {
      id: 'fix-selector',
      title: { en: 'Narrow the backend budget', ja: 'backend のセレクターを絞り込む' },
      action: {
        kind: 'kubectl',
        args: ['-n', NS, 'patch', 'pdb', 'backend', '--type', 'merge', '-p', FIX],
      },
      expect: {
        en: 'The backend budget now selects tier=backend except app=api: each api pod has exactly one budget.',
        ja: 'backend は tier=backend のうち app=api 以外を選択するようになり、各 api Pod の PodDisruptionBudget はちょうど 1 つになります。',
      },
      why: {
        en: 'One budget per pod is the rule; the cache pods stay protected by backend, the api pods by api.',
        ja: '1 つの Pod に 1 つの PodDisruptionBudget が原則です。cache Pod は引き続き backend に、api Pod は api に守られます。',
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
          en: 'In "Pods", press "Evict" on an api pod again, then "Evict" in the dialog.',
          ja: '「Pod」画面でもう一度 api Pod の「退避」を押し、ダイアログの「退避」を押します。',
        },
      },
      expect: {
        en: '"Evicted: the pod will be deleted gracefully": the budget api alone decides, and it allows one disruption.',
        ja: '「退避しました: Pod はグレースフルに削除されます」と表示されます。判断するのは PodDisruptionBudget api だけで、停止を 1 つ許容しています。',
      },
      why: {
        en: 'With a single matching budget the API server checks its allowed disruptions as usual.',
        ja: '一致する PodDisruptionBudget が 1 つだけなら、API サーバーは通常どおり許容される停止数を確認します。',
      },
      docs: [MISCONFIGURED_500],
      check: evicted('api'),
    },
  ],
};
