import type { DocLink } from './types';

/**
 * The Kubernetes docs the walkthroughs rest on, each with a short quote of its own wording;
 * the Japanese follows the Japanese docs where they have the passage.
 */

const EVICTION = 'https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/';
const STUCK = `${EVICTION}#troubleshooting-stuck-evictions`;
const TERMINATION =
  'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination';
const PDB = 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/';
const DRAIN = 'https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/';

export const NO_BUDGET_200: DocLink = {
  url: `${EVICTION}#how-api-initiated-eviction-works`,
  quote: {
    en: "If the Pod you want to evict isn't part of a workload that has a PodDisruptionBudget, the API server always returns 200 OK and allows the eviction.",
    ja: '退避させたいPodがPodDisruptionBudgetを持つワークロードの一部でない場合、APIサーバーは常に200 OKを返し、退避を許可します。',
  },
};

export const TOO_MANY_429: DocLink = {
  url: `${EVICTION}#how-api-initiated-eviction-works`,
  quote: {
    en: '429 Too Many Requests: the eviction is not currently allowed because of the configured PodDisruptionBudget. You may be able to attempt the eviction again later.',
    ja: '429 Too Many Requests: PodDisruptionBudgetの設定により、現在退去が許可されていないことを示します。しばらく時間を空けてみてください。',
  },
};

export const MISCONFIGURED_500: DocLink = {
  url: `${EVICTION}#how-api-initiated-eviction-works`,
  quote: {
    en: '500 Internal Server Error: the eviction is not allowed because there is a misconfiguration, like if multiple PodDisruptionBudgets reference the same Pod.',
    ja: '500 Internal Server Error: 複数のPodDisruptionBudgetが同じPodを参照している場合など、設定に誤りがあり退去が許可されないことを示します。',
  },
};

export const SIX_STEPS: DocLink = {
  url: `${EVICTION}#how-api-initiated-eviction-works`,
  quote: {
    en: 'The Pod resource in the API server is updated with a deletion timestamp … the kubelet … starts to gracefully shut down the local Pod … the control plane removes the Pod from EndpointSlice objects … After the grace period for the Pod expires, the kubelet forcefully terminates the local Pod … The API server deletes the Pod resource.',
    ja: 'APIサーバー上のPodリソースに削除タイムスタンプが設定され… kubeletがローカルのPodの正常なシャットダウンを開始し… コントロールプレーンがEndpointSliceオブジェクトからPodを削除し… Podの猶予期間が過ぎるとkubeletがローカルのPodを強制終了し… APIサーバーがPodリソースを削除します。',
  },
};

export const GRACE_PERIOD: DocLink = {
  url: TERMINATION,
  quote: {
    en: 'Once the grace period has expired, the KILL signal is sent to any remaining processes, and the Pod is then deleted from the API Server.',
    ja: '猶予期間が過ぎると、残っているプロセスにKILLシグナルが送られ、PodはAPIサーバーから削除されます。',
  },
};

export const STUCK_NOT_READY: DocLink = {
  url: STUCK,
  quote: {
    en: 'This can happen if, for example, a ReplicaSet creates pods for your application but new pods do not enter a Ready state.',
    ja: 'これは例えば、ReplicaSetがアプリケーションのPodを作成しても、新しいPodがReady状態にならない場合に起こります。',
  },
};

export const STUCK_LONG_GRACE: DocLink = {
  url: STUCK,
  quote: {
    en: 'You may also notice this behavior in cases where the last evicted Pod had a long termination grace period.',
    ja: '最後に退避されたPodの終了猶予期間が長い場合にも、この挙動が見られることがあります。',
  },
};

export const REMEDY_PAUSE: DocLink = {
  url: STUCK,
  quote: {
    en: 'Abort or pause the automated operation causing the issue. Investigate the stuck application before you restart the operation.',
    ja: '問題を引き起こしている自動化された操作を中止または一時停止してください。操作を再開する前に、詰まっているアプリケーションを調査してください。',
  },
};

export const REMEDY_DELETE: DocLink = {
  url: STUCK,
  quote: {
    en: 'Wait a while, then directly delete the Pod from your cluster control plane instead of using the Eviction API.',
    ja: 'しばらく待ってから、Eviction APIを使う代わりに、クラスターのコントロールプレーンから直接Podを削除してください。',
  },
};

export const OVERLAPPING_SELECTORS: DocLink = {
  url: PDB,
  quote: {
    en: 'The eviction API will disallow eviction of any pod covered by multiple PDBs, so most users will want to avoid overlapping selectors.',
    ja: 'Eviction APIは複数のPDBの対象となるPodの退避を許可しないため、ほとんどの場合はセレクターが重ならないようにするべきです。',
  },
};

export const IF_HEALTHY_BUDGET: DocLink = {
  url: `${PDB}#unhealthy-pod-eviction-policy`,
  quote: {
    en: 'IfHealthyBudget policy: Running pods (.status.phase="Running"), but not yet healthy can be evicted only if the guarded application is not disrupted (.status.currentHealthy is at least equal to .status.desiredHealthy).',
    ja: 'IfHealthyBudgetポリシー: Running状態(.status.phase="Running")でもまだ正常でないPodは、保護対象のアプリケーションが中断されていない場合(.status.currentHealthyが.status.desiredHealthy以上の場合)にのみ退避できます。',
  },
};

export const ALWAYS_ALLOW: DocLink = {
  url: `${PDB}#unhealthy-pod-eviction-policy`,
  quote: {
    en: 'AlwaysAllow policy: Running pods (.status.phase="Running"), but not yet healthy are considered disrupted and can be evicted regardless of whether the criteria in a PDB is met.',
    ja: 'AlwaysAllowポリシー: Running状態(.status.phase="Running")でもまだ正常でないPodは中断されているとみなされ、PDBの条件が満たされているかどうかにかかわらず退避できます。',
  },
};

export const SAFE_DRAIN: DocLink = {
  url: DRAIN,
  quote: {
    en: "Safe evictions allow the pod's containers to gracefully terminate and will respect the PodDisruptionBudgets you have specified.",
    ja: '安全な退避では、Podのコンテナが正常に終了でき、指定したPodDisruptionBudgetが尊重されます。',
  },
};

export const UNCORDON: DocLink = {
  url: DRAIN,
  quote: {
    en: 'If you leave the node in the cluster during the maintenance operation, you need to run kubectl uncordon <node name> afterwards to tell Kubernetes that it can resume scheduling new pods onto the node.',
    ja: 'メンテナンス中にノードをクラスターに残した場合は、その後でkubectl uncordon <node name>を実行し、ノードへの新しいPodのスケジューリングを再開できることをKubernetesに伝える必要があります。',
  },
};
