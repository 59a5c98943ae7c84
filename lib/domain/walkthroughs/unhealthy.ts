import { blocked429, budgetIs, evicted, podsOf } from './checks';
import { ALWAYS_ALLOW, IF_HEALTHY_BUDGET, TOO_MANY_429 } from './docs';
import { NS, budget, bundle, deployment } from './manifests';
import type { Check, Walkthrough } from './types';

const crashLooping: Check = (s) =>
  budgetIs('flaky', (b) => b.disruptionsAllowed === 0)(s) &&
  podsOf(s, 'flaky').some(
    (p) =>
      !p.isReady && p.containers.some((c) => c.reason === 'CrashLoopBackOff' || c.restartCount > 0),
  );

const ALWAYS = JSON.stringify({ spec: { unhealthyPodEvictionPolicy: 'AlwaysAllow' } });

/** 6. Crash-looping pods: blocked under IfHealthyBudget, evictable under AlwaysAllow. */
export const unhealthy: Walkthrough = {
  id: 'unhealthy',
  title: { en: 'Unhealthy pods', ja: '正常でない Pod' },
  summary: {
    en: 'Two crash-looping pods under a budget with minAvailable 1: IfHealthyBudget keeps them from being evicted; AlwaysAllow lets them go.',
    ja: 'minAvailable 1 の PodDisruptionBudget の下でクラッシュを繰り返す 2 つの Pod です。IfHealthyBudget では退避できず、AlwaysAllow にすると退避できます。',
  },
  manifests: () =>
    bundle(
      deployment({
        name: 'flaky',
        replicas: 2,
        timing: { 'start-after': '500ms', 'crash-loop': 'true', 'shutdown-after': '1s' },
      }),
      budget({ name: 'flaky', selector: { app: 'flaky' }, minAvailable: 1 }),
    ),
  steps: [
    {
      id: 'see-crashloop',
      title: { en: 'See the crash loop', ja: 'クラッシュループを確認する' },
      action: { kind: 'kubectl', args: ['-n', NS, 'get', 'pods,pdb'] },
      expect: {
        en: 'Both flaky pods in CrashLoopBackOff, never Ready; the budget flaky: allowed disruptions 0, needs 1 healthy, has 0.',
        ja: '2 つの flaky Pod はどちらも CrashLoopBackOff で、Ready になりません。PodDisruptionBudget flaky の許容される停止数は 0 です (必要 1、現在 0)。',
      },
      why: {
        en: 'A pod is healthy only while it is Ready; a container that keeps crashing never is.',
        ja: 'Pod が正常とみなされるのは Ready の間だけです。クラッシュを繰り返すコンテナは決して Ready になりません。',
      },
      docs: [IF_HEALTHY_BUDGET],
      check: crashLooping,
    },
    {
      id: 'evict-blocked',
      title: { en: 'Try to evict a flaky pod', ja: 'flaky Pod の退避を試す' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", type learn in "Namespace", press "Evict" on a flaky pod, then "Evict" in the dialog.',
          ja: '「Pod」画面の「Namespace」に learn と入力し、flaky Pod の「退避」を押して、ダイアログの「退避」を押します。',
        },
      },
      expect: {
        en: '"Blocked by budget flaky": 429, and "The cluster said:" `The disruption budget flaky needs 1 healthy pods and has 0 currently`.',
        ja: '「PodDisruptionBudget flaky によりブロック」と表示されます。429 で、「クラスターの応答:」は `The disruption budget flaky needs 1 healthy pods and has 0 currently` です。',
      },
      why: {
        en: 'Under IfHealthyBudget (the default) a pod that is not Ready may go only while the application is not disrupted, i.e. current healthy ≥ desired healthy. Here 0 < 1.',
        ja: 'IfHealthyBudget (デフォルト) では、Ready でない Pod を退避できるのはアプリケーションが中断されていない、つまり現在の正常数が必要数以上のときだけです。ここでは 0 < 1 です。',
      },
      docs: [IF_HEALTHY_BUDGET, TOO_MANY_429],
      check: blocked429('flaky'),
    },
    {
      id: 'always-allow',
      title: { en: 'Switch the policy to AlwaysAllow', ja: 'ポリシーを AlwaysAllow に変える' },
      action: {
        kind: 'kubectl',
        args: ['-n', NS, 'patch', 'pdb', 'flaky', '--type', 'merge', '-p', ALWAYS],
      },
      expect: {
        en: 'In "Budgets", the "Unhealthy pod eviction policy" of learn/flaky is now AlwaysAllow; its numbers do not change.',
        ja: '「PodDisruptionBudget」画面で、learn/flaky の「Unhealthy Pod Eviction ポリシー」が AlwaysAllow になります。数値は変わりません。',
      },
      why: {
        en: 'The policy only decides what happens to pods that are not Ready; healthy pods stay protected as before.',
        ja: 'このポリシーが決めるのは Ready でない Pod の扱いだけです。正常な Pod はこれまでどおり守られます。',
      },
      docs: [ALWAYS_ALLOW],
      check: budgetIs('flaky', (b) => b.unhealthyPodEvictionPolicy === 'AlwaysAllow'),
    },
    {
      id: 'evict-passes',
      title: { en: 'Evict it again', ja: 'もう一度退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", press "Evict" on the flaky pod again, then "Evict" in the dialog.',
          ja: '「Pod」画面で再び flaky Pod の「退避」を押し、ダイアログの「退避」を押します。',
        },
      },
      expect: {
        en: 'Before sending, the dialog says "The pod is not Ready and budget flaky has unhealthyPodEvictionPolicy AlwaysAllow: evicted without using the budget." Then "Evicted: the pod will be deleted gracefully", and the budget is untouched: still 0 allowed, no disrupted pod recorded.',
        ja: '送信前にダイアログに「Pod は Ready ではなく、PodDisruptionBudget flaky は unhealthyPodEvictionPolicy AlwaysAllow です: PodDisruptionBudget を使わずに退避されます。」と表示されます。続いて「退避しました: Pod はグレースフルに削除されます」と表示され、PodDisruptionBudget は変化しません。許容数は 0 のままで、停止した Pod も記録されません。',
      },
      why: {
        en: 'Under AlwaysAllow a Running pod that is not Ready skips the budget: evicting a broken pod takes nothing from the healthy ones.',
        ja: 'AlwaysAllow では、Running でも Ready でない Pod は PodDisruptionBudget の確認を受けません。壊れた Pod を退避しても、正常な Pod の枠は減りません。',
      },
      docs: [ALWAYS_ALLOW],
      check: evicted('flaky'),
    },
  ],
};
