import {
  AppsV1Api,
  CoreV1Api,
  PolicyV1Api,
  type KubeConfig,
  type V1DaemonSet,
  type V1Deployment,
  type V1Namespace,
  type V1Node,
  type V1Pod,
  type V1PodDisruptionBudget,
  type V1ReplicaSet,
  type V1Service,
  type V1StatefulSet,
} from '@kubernetes/client-node';

/** What a rehearsal reads of a real cluster, as client-node returns it. */
export interface SourceObjects {
  namespaces: V1Namespace[];
  nodes: V1Node[];
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  daemonSets: V1DaemonSet[];
  /** Every ReplicaSet: the owned ones map pods to their Deployment; only ownerless ones are copied. */
  replicaSets: V1ReplicaSet[];
  services: V1Service[];
  budgets: V1PodDisruptionBudget[];
  /** Read only to infer start and readiness times; never copied. */
  pods: V1Pod[];
}

/**
 * Reads a cluster for a rehearsal with LIST requests only (no watch, no write): namespaces,
 * nodes, services, pods, Deployments, StatefulSets, DaemonSets, ReplicaSets and
 * PodDisruptionBudgets. Secrets and ConfigMaps are never requested.
 */
export async function readSource(kc: KubeConfig): Promise<SourceObjects> {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const policy = kc.makeApiClient(PolicyV1Api);
  const [ns, nodes, services, pods, deployments, statefulSets, daemonSets, replicaSets, budgets] =
    await Promise.all([
      core.listNamespace(),
      core.listNode(),
      core.listServiceForAllNamespaces(),
      core.listPodForAllNamespaces(),
      apps.listDeploymentForAllNamespaces(),
      apps.listStatefulSetForAllNamespaces(),
      apps.listDaemonSetForAllNamespaces(),
      apps.listReplicaSetForAllNamespaces(),
      policy.listPodDisruptionBudgetForAllNamespaces(),
    ]);
  return {
    namespaces: ns.items,
    nodes: nodes.items,
    deployments: deployments.items,
    statefulSets: statefulSets.items,
    daemonSets: daemonSets.items,
    replicaSets: replicaSets.items,
    services: services.items,
    budgets: budgets.items,
    pods: pods.items,
  };
}
