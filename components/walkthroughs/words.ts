import type { Text } from '@/lib/domain/walkthroughs/types';

/** The Walkthroughs pages' own words, in both languages, as the walkthroughs' texts are. */
export const WORDS = {
  heading: { en: 'Walkthroughs', ja: 'ウォークスルー' },
  intro: {
    en: 'Each walkthrough runs on an embedded cluster of its own, named after it: the demo cluster and your real clusters are never touched. Do each step in Drainboard or with the kubectl command shown; the step ticks itself when the cluster shows it done.',
    ja: '各ウォークスルーは専用の組み込みクラスター（ウォークスルーと同じ名前）で動きます。デモクラスターや実際のクラスターには触れません。各ステップを Drainboard か表示された kubectl コマンドで実行すると、クラスターの状態からステップが自動で完了になります。',
  },
  steps: { en: 'steps', ja: 'ステップ' },
  start: { en: 'Start', ja: '開始' },
  startAgain: { en: 'Start again', ja: '最初からやり直す' },
  finish: { en: 'Finish', ja: '終了' },
  open: { en: 'Open', ja: '開く' },
  idle: { en: 'Not started', ja: '未開始' },
  running: { en: 'Running', ja: '実行中' },
  interrupted: {
    en: 'Interrupted: its cluster stopped with the server. Start again.',
    ja: '中断：サーバーの再起動でクラスターが停止しました。最初からやり直してください。',
  },
  finished: { en: 'Finished', ja: '終了済み' },
  cluster: { en: 'Cluster', ja: 'クラスター' },
  openCluster: { en: 'Open its cluster in Drainboard', ja: 'このクラスターを Drainboard で開く' },
  progress: { en: 'Progress', ja: '進捗' },
  done: { en: 'Done', ja: '完了' },
  current: { en: 'Now', ja: '現在' },
  later: { en: 'Later', ja: 'このあと' },
  doThis: { en: 'Do this', ja: 'やること' },
  expect: { en: 'What should happen', ja: '起きること' },
  why: { en: 'Why', ja: 'なぜ' },
  docs: { en: 'In the Kubernetes docs', ja: 'Kubernetes ドキュメント' },
  copy: { en: 'Copy', ja: 'コピー' },
  copied: { en: 'Copied', ja: 'コピーしました' },
  notCopied: {
    en: 'Could not copy: select the command and copy it by hand',
    ja: 'コピーできませんでした。コマンドを選択して手でコピーしてください',
  },
  startFirst: {
    en: 'Start the walkthrough to get its cluster and its kubectl commands.',
    ja: 'ウォークスルーを開始すると、専用クラスターと kubectl コマンドが表示されます。',
  },
  allDone: {
    en: 'Every step is done. Finish to remove its cluster.',
    ja: 'すべてのステップが完了しました。終了するとクラスターが削除されます。',
  },
  back: { en: 'All walkthroughs', ja: 'ウォークスルー一覧' },
} as const satisfies Record<string, Text>;
