import {
  AppsV1Api,
  CoreV1Api,
  Observable,
  PolicyV1Api,
  type ConfigurationOptions,
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

/** Call options that hand `signal` to every request (client-node passes it to fetch). */
function abortedBy(signal: AbortSignal | undefined): ConfigurationOptions | undefined {
  if (signal === undefined) return undefined;
  return {
    middleware: [
      {
        pre: (ctx) => {
          ctx.setSignal(signal);
          return new Observable(Promise.resolve(ctx));
        },
        post: (res) => new Observable(Promise.resolve(res)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/**
 * Reads a cluster for a rehearsal with LIST requests only (no watch, no write): namespaces,
 * nodes, services, pods, Deployments, StatefulSets, DaemonSets, ReplicaSets and
 * PodDisruptionBudgets. Secrets and ConfigMaps are never requested. `signal` aborts every
 * request (e.g. `AbortSignal.timeout(ms)` for a deadline); the read then rejects.
 */
export async function readSource(kc: KubeConfig, signal?: AbortSignal): Promise<SourceObjects> {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const policy = kc.makeApiClient(PolicyV1Api);
  const o = abortedBy(signal);
  const [ns, nodes, services, pods, deployments, statefulSets, daemonSets, replicaSets, budgets] =
    await Promise.all([
      core.listNamespace({}, o),
      core.listNode({}, o),
      core.listServiceForAllNamespaces({}, o),
      core.listPodForAllNamespaces({}, o),
      apps.listDeploymentForAllNamespaces({}, o),
      apps.listStatefulSetForAllNamespaces({}, o),
      apps.listDaemonSetForAllNamespaces({}, o),
      apps.listReplicaSetForAllNamespaces({}, o),
      policy.listPodDisruptionBudgetForAllNamespaces({}, o),
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
