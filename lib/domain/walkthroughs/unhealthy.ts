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
  title: { en: 'Unhealthy pods', ja: '正常でないPod' },
  summary: {
    en: 'Two crash-looping pods under a budget with minAvailable 1: IfHealthyBudget keeps them from being evicted; AlwaysAllow lets them go.',
    ja: 'minAvailable 1のPodDisruptionBudgetの下でクラッシュを繰り返す2つのPodです。IfHealthyBudgetでは退避できず、AlwaysAllowにすると退避できます。',
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
        ja: '2つのflaky PodはどちらもCrashLoopBackOffで、Readyになりません。PodDisruptionBudget flakyの許可される中断数は0です(必要1、現在0)。',
      },
      why: {
        en: 'A pod is healthy only while it is Ready; a container that keeps crashing never is.',
        ja: 'Podが正常とみなされるのはReadyの間だけです。クラッシュを繰り返すコンテナは決してReadyになりません。',
      },
      docs: [IF_HEALTHY_BUDGET],
      check: crashLooping,
    },
    {
      id: 'evict-blocked',
      title: { en: 'Try to evict a flaky pod', ja: 'flaky Podの退避を試す' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods, namespace learn: Evict a flaky pod.',
          ja: 'Podsでnamespace learnを選び、flaky PodをEvictします。',
        },
      },
      expect: {
        en: 'Blocked by budget: 429, "needs 1 healthy pods and has 0 currently".',
        ja: 'Blocked by budgetになります。429で「needs 1 healthy pods and has 0 currently」と返されます。',
      },
      why: {
        en: 'Under IfHealthyBudget (the default) a pod that is not Ready may go only while the application is not disrupted, i.e. current healthy ≥ desired healthy. Here 0 < 1.',
        ja: 'IfHealthyBudget(デフォルト)では、ReadyでないPodを退避できるのはアプリケーションが中断されていない、つまり現在の正常数が必要数以上のときだけです。ここでは0 < 1です。',
      },
      docs: [IF_HEALTHY_BUDGET, TOO_MANY_429],
      check: blocked429('flaky'),
    },
    {
      id: 'always-allow',
      title: { en: 'Switch the policy to AlwaysAllow', ja: 'ポリシーをAlwaysAllowに変える' },
      action: {
        kind: 'kubectl',
        args: ['-n', NS, 'patch', 'pdb', 'flaky', '--type', 'merge', '-p', ALWAYS],
      },
      expect: {
        en: 'The budget shows unhealthyPodEvictionPolicy AlwaysAllow; its numbers do not change.',
        ja: 'PodDisruptionBudgetのunhealthyPodEvictionPolicyがAlwaysAllowになります。数値は変わりません。',
      },
      why: {
        en: 'The policy only decides what happens to pods that are not Ready; healthy pods stay protected as before.',
        ja: 'このポリシーが決めるのはReadyでないPodの扱いだけです。正常なPodはこれまでどおり守られます。',
      },
      docs: [ALWAYS_ALLOW],
      check: budgetIs('flaky', (b) => b.unhealthyPodEvictionPolicy === 'AlwaysAllow'),
    },
    {
      id: 'evict-passes',
      title: { en: 'Evict it again', ja: 'もう一度退避する' },
      action: {
        kind: 'ui',
        where: { en: 'Pods: Evict the flaky pod again.', ja: 'Podsで再びflaky PodをEvictします。' },
      },
      expect: {
        en: 'Accepted, and the budget is untouched: still 0 allowed, no disrupted pod recorded.',
        ja: '受け付けられ、PodDisruptionBudgetは変化しません。許可数は0のままで、中断されたPodも記録されません。',
      },
      why: {
        en: 'Under AlwaysAllow a Running pod that is not Ready skips the budget: evicting a broken pod takes nothing from the healthy ones.',
        ja: 'AlwaysAllowでは、RunningでもReadyでないPodはPodDisruptionBudgetの確認を受けません。壊れたPodを退避しても、正常なPodの枠は減りません。',
      },
      docs: [ALWAYS_ALLOW],
      check: evicted('flaky'),
    },
  ],
};
