import type { Controller, ControllerContext } from './context';
import { createDaemonSetController } from './daemonset';
import { createDeploymentController } from './deployment';
import { createEndpointSliceController } from './endpointslice';
import { createGarbageCollector } from './garbage-collector';
import { createKubelet } from './kubelet';
import { createNamespaceController } from './namespace';
import { createReplicaSetController } from './replicaset';
import { createScheduler } from './scheduler';
import { createStatefulSetController } from './statefulset';

/** Starts the control plane: every controller of the embedded cluster. */
export function startControllers(ctx: ControllerContext): Controller[] {
  const controllers = [
    createGarbageCollector(ctx),
    createNamespaceController(ctx),
    createScheduler(ctx),
    createKubelet(ctx),
    createReplicaSetController(ctx),
    createDeploymentController(ctx),
    createStatefulSetController(ctx),
    createDaemonSetController(ctx),
    createEndpointSliceController(ctx),
  ];
  for (const c of controllers) c.start();
  return controllers;
}
