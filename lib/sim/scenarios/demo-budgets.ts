/**
 * The demo's disruption budgets and the workloads that show each situation of the
 * Eviction API docs. node-1 and node-2 carry the budgets that block (always-blocked,
 * two budgets on one pod); node-3 carries only what may be evicted, so it drains.
 */
/** Pod spec lines that keep a workload off node-3, so that node-3 always drains. */
export const PINNED = `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/hostname, operator: In, values: [node-1, node-2]}`;

function pdb(name: string, spec: string): string {
  return `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: shop}
spec:
${spec}
`;
}

/** `brokenAfter`: replacements created after this instant never become Ready. */
export function demoBudgets(brokenAfter: string): string {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout, namespace: shop, labels: {app: checkout}}
spec:
  replicas: 3
  selector: {matchLabels: {app: checkout}}
  template:
    metadata:
      labels: {app: checkout}
      annotations:
        sim.drainboard.dev/ready-after: 1s
        sim.drainboard.dev/never-ready-if-created-after: "${brokenAfter}"
    spec:
      containers:
      - {name: checkout, image: "ghcr.io/drainboard/checkout:3.2.0"}
      volumes:
      - {name: scratch, emptyDir: {}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: search, namespace: shop, labels: {app: search}}
spec:
  replicas: 2
  selector: {matchLabels: {app: search}}
  template:
    metadata:
      labels: {app: search, tier: backend}
      annotations: {sim.drainboard.dev/ready-after: 1s}
    spec:
${PINNED}
      containers:
      - {name: search, image: "ghcr.io/drainboard/search:1.4.2"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: flaky, namespace: shop, labels: {app: flaky}}
spec:
  replicas: 2
  selector: {matchLabels: {app: flaky}}
  template:
    metadata:
      labels: {app: flaky}
      annotations: {sim.drainboard.dev/crash-loop: "true"}
    spec:
      containers:
      - {name: flaky, image: "ghcr.io/drainboard/flaky:0.1.0"}
---
apiVersion: v1
kind: Pod
metadata: {name: debug-shell, namespace: shop, labels: {app: debug-shell}}
spec:
  nodeSelector: {kubernetes.io/hostname: node-3}
  containers:
  - {name: shell, image: "busybox:1.36"}
${pdb('web', '  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}')}${pdb('api', '  minAvailable: 2\n  selector: {matchLabels: {app: api}}')}${pdb('checkout', '  minAvailable: 2\n  selector: {matchLabels: {app: checkout}}')}${pdb('search', '  maxUnavailable: 1\n  selector: {matchLabels: {app: search}}')}${pdb('backend', '  minAvailable: 1\n  selector: {matchLabels: {tier: backend}}')}${pdb('worker', '  maxUnavailable: 1\n  selector: {matchLabels: {app: worker}}')}${pdb('flaky', '  minAvailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n  selector: {matchLabels: {app: flaky}}')}${pdb('db', '  maxUnavailable: 1\n  selector: {matchLabels: {app: db}}')}`;
}
