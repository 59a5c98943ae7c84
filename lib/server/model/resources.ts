import 'server-only';

import type {
  CoreV1Event,
  V1DaemonSet,
  V1Deployment,
  V1EndpointSlice,
  V1Node,
  V1Pod,
  V1PodDisruptionBudget,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';

import type { Resource } from '@/lib/domain/changes';
import type {
  BudgetView,
  EndpointView,
  EventView,
  NodeView,
  OwnerView,
  PodView,
} from '@/lib/domain/views';

import { toBudgetView, toNodeView, toPodView } from './convert';
import { toEventView } from './convert-events';
import { toDaemonSetOwnerView, toEndpointView, toReplicatedOwnerView } from './convert-owners';

/** The wire type each watched resource delivers. */
export interface WireOf {
  pods: V1Pod;
  budgets: V1PodDisruptionBudget;
  nodes: V1Node;
  endpointslices: V1EndpointSlice;
  replicasets: V1ReplicaSet;
  deployments: V1Deployment;
  statefulsets: V1StatefulSet;
  daemonsets: V1DaemonSet;
  events: CoreV1Event;
}

/** The view type each watched resource becomes. */
export interface ViewOf {
  pods: PodView;
  budgets: BudgetView;
  nodes: NodeView;
  endpointslices: EndpointView;
  replicasets: OwnerView;
  deployments: OwnerView;
  statefulsets: OwnerView;
  daemonsets: OwnerView;
  events: EventView;
}

/** Any view the model holds. */
export type AnyView = ViewOf[Resource];

const CONVERT: { [R in Resource]: (obj: WireOf[R]) => ViewOf[R] } = {
  pods: toPodView,
  budgets: toBudgetView,
  nodes: toNodeView,
  endpointslices: toEndpointView,
  replicasets: (rs) => toReplicatedOwnerView('ReplicaSet', rs),
  deployments: (d) => toReplicatedOwnerView('Deployment', d),
  statefulsets: (s) => toReplicatedOwnerView('StatefulSet', s),
  daemonsets: toDaemonSetOwnerView,
  events: toEventView,
};

/** Converts a wire object of `resource` into its view. */
export function toView<R extends Resource>(resource: R, obj: WireOf[R]): ViewOf[R] {
  return CONVERT[resource](obj);
}
