import { rfc3339 } from '../clock';
import { demoBudgets, PINNED } from './demo-budgets';
import { EMPTY } from './empty';

/**
 * A small shop: Deployments and a StatefulSet behind Services, a DaemonSet on every node,
 * with varied start, readiness and shutdown times (annotations in lib/sim/README.md), and
 * disruption budgets that show every situation of the Eviction API (demo-budgets.ts).
 * `now` is the load time: checkout's replacements made 5 s later never become Ready.
 */
export const demo = (now: number): string => `${EMPTY}---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations:
        sim.drainboard.dev/ready-after: 2s
        sim.drainboard.dev/shutdown-after: 1s
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80, name: http}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop, labels: {app: api}}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels: {app: api}
      annotations:
        sim.drainboard.dev/start-after: 2s
        sim.drainboard.dev/ready-after: 5s
        sim.drainboard.dev/shutdown-after: 8s
    spec:
      terminationGracePeriodSeconds: 15
${PINNED}
      containers:
      - name: api
        image: ghcr.io/drainboard/orders-api:2.4.1
        ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{port: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: shop, labels: {app: worker}}
spec:
  replicas: 2
  selector: {matchLabels: {app: worker}}
  template:
    metadata:
      labels: {app: worker}
      annotations:
        sim.drainboard.dev/ready-after: 5s
        sim.drainboard.dev/shutdown-after: 90s
    spec:
      terminationGracePeriodSeconds: 120
${PINNED}
      containers:
      - name: worker
        image: ghcr.io/drainboard/queue-worker:1.9.0
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop, labels: {app: db}}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata:
      labels: {app: db}
      annotations:
        sim.drainboard.dev/ready-after: 3s
        sim.drainboard.dev/shutdown-after: 5s
    spec:
      terminationGracePeriodSeconds: 60
      containers:
      - name: postgres
        image: postgres:16.4
        ports: [{containerPort: 5432}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: kube-system, labels: {app: node-exporter}}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata:
      labels: {app: node-exporter}
      annotations:
        sim.drainboard.dev/ready-after: 1s
    spec:
      containers:
      - name: node-exporter
        image: prom/node-exporter:v1.8.2
${demoBudgets(rfc3339(now + 5000))}`;
