/**
 * Small builders of the walkthroughs' manifests (namespace `learn`), on top of the embedded
 * cluster's `empty` scenario. Pod timing uses the sim's annotations (lib/sim/README.md).
 */

/** The namespace every walkthrough's objects live in. */
export const NS = 'learn';

const SIM = 'sim.drainboard.dev';

/** The sim's pod timing annotations, e.g. `{ 'ready-after': '1s' }`. */
export type Timing = Readonly<Record<string, string>>;

export interface WorkloadSpec {
  readonly name: string;
  readonly replicas: number;
  /** Pod labels; the selector is `app: name`. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly timing: Timing;
  readonly gracePeriodSeconds?: number;
  /** Keep the pods on these nodes (required node affinity on the hostname label). */
  readonly nodes?: readonly string[];
}

export interface BudgetSpec {
  readonly name: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly minAvailable?: number;
  readonly maxUnavailable?: number;
  readonly policy?: 'IfHealthyBudget' | 'AlwaysAllow';
}

const flow = (map: Readonly<Record<string, string>>): string =>
  `{${Object.entries(map)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')}}`;

function affinity(nodes: readonly string[] | undefined): string {
  if (nodes === undefined) return '';
  return `
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/hostname, operator: In, values: [${nodes.join(', ')}]}`;
}

function podTemplate(w: WorkloadSpec): string {
  const timing = Object.fromEntries(Object.entries(w.timing).map(([k, v]) => [`${SIM}/${k}`, v]));
  const grace = w.gracePeriodSeconds ?? 30;
  return `  template:
    metadata:
      labels: ${flow({ app: w.name, ...w.labels })}
      annotations: ${flow(timing)}
    spec:
      terminationGracePeriodSeconds: ${grace}${affinity(w.nodes)}
      containers:
      - {name: ${w.name}, image: "nginx:1.27", ports: [{containerPort: 80, name: http}]}`;
}

export const namespace = (): string => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${NS}}\n`;

export const deployment = (w: WorkloadSpec): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${w.name}, namespace: ${NS}, labels: {app: ${w.name}}}
spec:
  replicas: ${w.replicas}
  selector: {matchLabels: {app: ${w.name}}}
${podTemplate(w)}
`;

export const statefulSet = (w: WorkloadSpec): string => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${w.name}, namespace: ${NS}, labels: {app: ${w.name}}}
spec:
  replicas: ${w.replicas}
  serviceName: ${w.name}
  selector: {matchLabels: {app: ${w.name}}}
${podTemplate(w)}
`;

/** A Service in front of `app: name`, so the EndpointSlice step of a termination shows. */
export const service = (name: string): string => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${NS}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 80, targetPort: http}]
`;

export function budget(b: BudgetSpec): string {
  const limits = [
    b.minAvailable === undefined ? '' : `  minAvailable: ${b.minAvailable}\n`,
    b.maxUnavailable === undefined ? '' : `  maxUnavailable: ${b.maxUnavailable}\n`,
    b.policy === undefined ? '' : `  unhealthyPodEvictionPolicy: ${b.policy}\n`,
  ].join('');
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${b.name}, namespace: ${NS}}
spec:
  selector: {matchLabels: ${flow(b.selector)}}
${limits}`;
}

/** Multi-document YAML, the namespace first. */
export const bundle = (...docs: readonly string[]): string => [namespace(), ...docs].join('---\n');
