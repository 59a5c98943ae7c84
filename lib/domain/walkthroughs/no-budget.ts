import { attemptsOn, evicted, goneAndReplaced } from './checks';
import { GRACE_PERIOD, NO_BUDGET_200, SIX_STEPS } from './docs';
import { bundle, deployment, service } from './manifests';
import type { Walkthrough } from './types';

/** 1. A pod no budget selects: its eviction is always allowed; then the six deletion steps. */
export const noBudget: Walkthrough = {
  id: 'no-budget',
  title: { en: 'Evict a pod with no budget', ja: 'PodDisruptionBudgetのないPodを退避する' },
  summary: {
    en: 'A Deployment of one pod with no PodDisruptionBudget: its eviction is always allowed. Follow the six deletion steps on its timeline.',
    ja: 'PodDisruptionBudgetのない、Podが1つのDeploymentです。このPodのEvictionは常に許可されます。タイムラインで削除の6つのステップを追いましょう。',
  },
  manifests: () =>
    bundle(
      deployment({
        name: 'solo',
        replicas: 1,
        timing: { 'start-after': '500ms', 'ready-after': '1s', 'shutdown-after': '2s' },
      }),
      service('solo'),
    ),
  steps: [
    {
      id: 'dry-run',
      title: { en: 'Ask first: a dry run', ja: 'まずドライランで確かめる' },
      action: {
        kind: 'ui',
        where: {
          en: 'Pods, namespace learn: on the solo pod choose Evict. The dialog first asks the cluster for a dry run and shows its verdict.',
          ja: 'Podsでnamespace learnを選び、solo PodのEvictを開きます。ダイアログはまずクラスターにドライランを依頼し、その判定を表示します。',
        },
      },
      expect: {
        en: 'Would evict: the cluster accepts the eviction but changes nothing.',
        ja: 'Would evictと表示されます。クラスターはEvictionを受け付けますが、何も変更しません。',
      },
      why: {
        en: 'A dry run goes through the same admission checks as a real eviction. No budget selects the pod, so nothing can refuse it.',
        ja: 'ドライランは本番のEvictionと同じアドミッションチェックを通ります。このPodを選択するPodDisruptionBudgetがないため、拒否される理由がありません。',
      },
      docs: [NO_BUDGET_200],
      check: (s) => attemptsOn(s, 'solo').some((a) => a.outcome === 'would-evict'),
    },
    {
      id: 'evict',
      title: { en: 'Evict learn/solo', ja: 'learn/soloを退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In the same dialog, press Evict.',
          ja: '同じダイアログでEvictを押します。',
        },
      },
      expect: {
        en: 'Accepted: the cluster answers 201 (the docs say 200 OK) and the pod turns Terminating.',
        ja: '受け付けられます。クラスターは201を返し(ドキュメントでは200 OK)、PodはTerminatingになります。',
      },
      why: {
        en: 'With no PodDisruptionBudget selecting the pod there is no budget to respect: an eviction is then a graceful DELETE.',
        ja: 'Podを選択するPodDisruptionBudgetがなければ、守るべきバジェットはありません。そのときEvictionは正常終了を伴うDELETEと同じです。',
      },
      docs: [NO_BUDGET_200],
      check: evicted('solo'),
    },
    {
      id: 'see-gone',
      title: { en: 'Follow the six deletion steps', ja: '削除の6つのステップを追う' },
      action: {
        kind: 'ui',
        where: {
          en: "Timelines: open the solo pod's timeline and find steps 1 to 6 on the chart.",
          ja: 'Timelinesでsolo Podのタイムラインを開き、チャート上でステップ1〜6を探します。',
        },
      },
      expect: {
        en: 'Deletion timestamp, graceful shutdown, removal from the EndpointSlice, containers stopped within the grace period, the kubelet asks to delete, the API server deletes; then the replacement turns Ready.',
        ja: '削除タイムスタンプ、正常なシャットダウン、EndpointSliceからの削除、猶予期間内でのコンテナ停止、kubeletによる削除依頼、APIサーバーによる削除の順に進み、その後、代わりのPodがReadyになります。',
      },
      why: {
        en: 'The app stops 2 s after SIGTERM, well within its 30 s grace period, so step 4 is a clean stop rather than a kill; the Deployment makes a replacement as soon as the pod is terminating.',
        ja: 'アプリはSIGTERMの2秒後に停止し、30秒の猶予期間に十分収まるため、ステップ4は強制終了ではなく正常な停止になります。DeploymentはPodが終了処理に入るとすぐに代わりのPodを作成します。',
      },
      docs: [SIX_STEPS, GRACE_PERIOD],
      check: goneAndReplaced('solo'),
    },
  ],
};
