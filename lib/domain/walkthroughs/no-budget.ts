import { attemptsOn, evicted, goneAndReplaced } from './checks';
import { GRACE_PERIOD, NO_BUDGET_200, SIX_STEPS } from './docs';
import { bundle, deployment, service } from './manifests';
import type { Walkthrough } from './types';

/** 1. A pod no budget selects: its eviction is always allowed; then the six deletion steps. */
export const noBudget: Walkthrough = {
  id: 'no-budget',
  title: { en: 'Evict a pod with no budget', ja: 'PodDisruptionBudget のない Pod を退避する' },
  summary: {
    en: 'A Deployment of one pod with no PodDisruptionBudget: its eviction is always allowed. Follow the six deletion steps on its timeline.',
    ja: 'PodDisruptionBudget のない、Pod が 1 つの Deployment です。この Pod の Eviction は常に許可されます。タイムラインで削除の 6 つのステップを追いましょう。',
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
      title: { en: 'Ask first: a dry run', ja: 'まず dry run で確かめる' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Pods", type learn in "Namespace", then press "Evict" on the solo pod. The dialog first asks the cluster for a dry run and shows its verdict.',
          ja: '「Pod」画面の「Namespace」に learn と入力し、solo Pod の「退避」を押します。ダイアログはまずクラスターに dry run を依頼し、その判断を表示します。',
        },
      },
      expect: {
        en: '"Dry run: the cluster would evict this pod": the cluster accepts the eviction but changes nothing.',
        ja: '「dry run: この Pod は退避できます」と表示されます。クラスターは Eviction を受理しますが、何も変更しません。',
      },
      why: {
        en: 'A dry run goes through the same admission checks as a real eviction. No budget selects the pod, so nothing can refuse it.',
        ja: 'dry run は本番の Eviction と同じアドミッションチェックを通ります。この Pod を選択する PodDisruptionBudget がないため、拒否される理由がありません。',
      },
      docs: [NO_BUDGET_200],
      check: (s) => attemptsOn(s, 'solo').some((a) => a.outcome === 'would-evict'),
    },
    {
      id: 'evict',
      title: { en: 'Evict learn/solo', ja: 'learn/solo を退避する' },
      action: {
        kind: 'ui',
        where: {
          en: 'In the same dialog, press "Evict".',
          ja: '同じダイアログで「退避」を押します。',
        },
      },
      expect: {
        en: '"Evicted: the pod will be deleted gracefully": the cluster answers 201 (the docs say 200 OK), and "Pod now:" turns Terminating.',
        ja: '「退避しました: Pod はグレースフルに削除されます」と表示されます。クラスターは 201 を返し (ドキュメントでは 200 OK)、「現在の Pod:」は Terminating になります。',
      },
      why: {
        en: 'With no PodDisruptionBudget selecting the pod there is no budget to respect: an eviction is then a graceful DELETE.',
        ja: 'Pod を選択する PodDisruptionBudget がなければ、守るべき PodDisruptionBudget はありません。そのとき Eviction はグレースフルな DELETE と同じです。',
      },
      docs: [NO_BUDGET_200],
      check: evicted('solo'),
    },
    {
      id: 'see-gone',
      title: { en: 'Follow the six deletion steps', ja: '削除の 6 つのステップを追う' },
      action: {
        kind: 'ui',
        where: {
          en: 'In "Timelines", open the timeline of the solo pod and find steps 1 to 6 on its "Chart".',
          ja: '「タイムライン」画面で solo Pod のタイムラインを開き、「チャート」でステップ 1〜6 を探します。',
        },
      },
      expect: {
        en: '"Deletion timestamp set", "Kubelet starts graceful shutdown", "Removed from endpoints"; at step 4 the containers stop within the grace period, so nothing is "Killed at the deadline"; then "Kubelet asks to delete", "API server deletes", and the replacement turns Ready.',
        ja: '「削除タイムスタンプを設定」「kubelet がグレースフルシャットダウンを開始」「エンドポイントから除去」と進みます。ステップ 4 ではコンテナが猶予期間内に停止するので「期限で強制終了」にはなりません。続いて「kubelet が削除を要求」「API サーバーが削除」となり、代替 Pod が Ready になります。',
      },
      why: {
        en: 'The app stops 2 s after SIGTERM, well within its 30 s grace period, so step 4 is a clean stop rather than a kill; the Deployment makes a replacement as soon as the pod is terminating.',
        ja: 'アプリは SIGTERM の 2 秒後に停止し、30 秒の猶予期間に十分収まるため、ステップ 4 は強制終了ではなく正常な停止になります。Deployment は Pod が終了処理に入るとすぐに代替 Pod を作成します。',
      },
      docs: [SIX_STEPS, GRACE_PERIOD],
      check: goneAndReplaced('solo'),
    },
  ],
};
