/**
 * printDeployment, printReplicaSet, printStatefulSet and printDaemonSet of upstream's
 * printers.go. Replica counts read `spec.replicas` with the apps/v1 default of 1, since
 * kube-apiserver only ever prints defaulted objects.
 */
import type { KObject } from '../../store/types';
import { metaDoc, podDoc, workloadDoc as doc } from './docs';
import { translateTimestampSince } from './duration';
import {
  formatLabelSelector,
  formatLabels,
  labelSelectorString,
  layoutContainerCells,
} from './format';
import { int, intOr, rec } from './read';
import { column, type Printer } from './types';

const nameColumn = column('Name', 'string', metaDoc.name, { format: 'name' });
const ageColumn = column('Age', 'string', metaDoc.creationTimestamp);
const containersColumn = column('Containers', 'string', doc.containers, { priority: 1 });
const imagesColumn = column('Images', 'string', doc.images, { priority: 1 });

interface Workload {
  name: string;
  age: string;
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
  names: string;
  images: string;
}

/** The parts every workload row shares. */
function workload(obj: KObject, now: number): Workload {
  const spec = rec(obj.spec);
  const { names, images } = layoutContainerCells(rec(rec(spec.template).spec).containers);
  return {
    name: obj.metadata.name ?? '',
    age: translateTimestampSince(obj.metadata.creationTimestamp, now),
    spec,
    status: rec(obj.status),
    names,
    images,
  };
}

/** Deployments: Name, Ready, Up-to-date, Available, Age; wide Containers, Images, Selector. */
export const deploymentPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', 'string', doc.ready),
    column('Up-to-date', 'string', doc.deployUpdated),
    column('Available', 'string', doc.deployAvailable),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.deploySelector, { priority: 1 }),
  ],
  row(obj, now) {
    const w = workload(obj, now);
    // printDeployment prints selector.String() itself: '' when empty, unlike FormatLabelSelector.
    const selector = labelSelectorString(w.spec.selector) ?? '<invalid>';
    return {
      cells: [
        w.name,
        `${int(w.status.readyReplicas)}/${intOr(w.spec.replicas, 1)}`,
        int(w.status.updatedReplicas),
        int(w.status.availableReplicas),
        w.age,
        w.names,
        w.images,
        selector,
      ],
    };
  },
};

/** ReplicaSets: Name, Desired, Current, Ready, Age; wide Containers, Images, Selector. */
export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.rsReplicas),
    column('Current', 'integer', doc.rsStatusReplicas),
    column('Ready', 'integer', doc.rsReadyReplicas),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.rsSelector, { priority: 1 }),
  ],
  row(obj, now) {
    const w = workload(obj, now);
    return {
      cells: [
        w.name,
        intOr(w.spec.replicas, 1),
        int(w.status.replicas),
        int(w.status.readyReplicas),
        w.age,
        w.names,
        w.images,
        formatLabelSelector(w.spec.selector),
      ],
    };
  },
};

/** StatefulSets: Name, Ready, Age; wide Containers, Images. */
export const statefulSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', 'string', doc.ready),
    ageColumn,
    containersColumn,
    imagesColumn,
  ],
  row(obj, now) {
    const w = workload(obj, now);
    const ready = `${int(w.status.readyReplicas)}/${intOr(w.spec.replicas, 1)}`;
    return { cells: [w.name, ready, w.age, w.names, w.images] };
  },
};

/** DaemonSets: counts, Node Selector, Age; wide Containers, Images, Selector. */
export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.dsDesired),
    column('Current', 'integer', doc.dsCurrent),
    column('Ready', 'integer', doc.dsReady),
    column('Up-to-date', 'integer', doc.dsUpdated),
    column('Available', 'integer', doc.dsAvailable),
    column('Node Selector', 'string', podDoc.nodeSelector),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.dsSelector, { priority: 1 }),
  ],
  row(obj, now) {
    const w = workload(obj, now);
    const s = w.status;
    return {
      cells: [
        w.name,
        int(s.desiredNumberScheduled),
        int(s.currentNumberScheduled),
        int(s.numberReady),
        int(s.updatedNumberScheduled),
        int(s.numberAvailable),
        formatLabels(rec(rec(w.spec.template).spec).nodeSelector),
        w.age,
        w.names,
        w.images,
        formatLabelSelector(w.spec.selector),
      ],
    };
  },
};
