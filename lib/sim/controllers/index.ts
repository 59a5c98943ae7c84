import type { Controller, ControllerContext } from './context';
import { createDaemonSetController } from './daemonset';
import { createDeploymentController } from './deployment';
import { createDisruptionController, type DisruptionController } from './disruption';
import { createEndpointSliceController } from './endpointslice';
import { createGarbageCollector } from './garbage-collector';
import { createKubelet } from './kubelet';
import { createNamespaceController } from './namespace';
import { createNodeLifecycleController } from './node-lifecycle';
import { createReplicaSetController } from './replicaset';
import { createScheduler } from './scheduler';
import { createStatefulSetController } from './statefulset';

export interface ControlPlane {
  controllers: Controller[];
  /** The disruption controller, which the control API pauses to produce stale PDB status. */
  disruption: DisruptionController;
}

/** Starts the control plane: every controller of the embedded cluster. */
export function startControllers(ctx: ControllerContext): ControlPlane {
  const disruption = createDisruptionController(ctx);
  const controllers = [
    createGarbageCollector(ctx),
    createNamespaceController(ctx),
    createNodeLifecycleController(ctx),
    createScheduler(ctx),
    createKubelet(ctx),
    createReplicaSetController(ctx),
    createDeploymentController(ctx),
    createStatefulSetController(ctx),
    createDaemonSetController(ctx),
    createEndpointSliceController(ctx),
    disruption,
  ];
  for (const c of controllers) c.start();
  return { controllers, disruption };
}
