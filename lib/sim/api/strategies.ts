import type { KObject, ResourceType } from '../store/types';
import type { FieldError } from './errors';
import { pdbStrategy } from './pdb';
import { defaultPodSpec, validatePodSpec, validatePodUpdate } from './pod-spec';

/** Read access the strategies need, e.g. to allocate a free ClusterIP. */
export interface StrategyContext {
  list(rt: ResourceType, namespace?: string): KObject[];
}

/** Per-kind rules, like the `rest.RESTCreateStrategy`/`RESTUpdateStrategy` of each registry. */
export interface Strategy {
  nameRule: 'label' | 'subdomain';
  hasGeneration: boolean;
  keepsStatusOnCreate: boolean;
  prepareForCreate(obj: KObject, ctx: StrategyContext): void;
  validate(obj: KObject): FieldError[];
  validateUpdate(old: KObject, next: KObject): FieldError[];
  validateStatus(obj: KObject): FieldError[];
}

const none = (): FieldError[] => [];

const base: Strategy = {
  nameRule: 'subdomain',
  hasGeneration: false,
  keepsStatusOnCreate: false,
  prepareForCreate: () => undefined,
  validate: none,
  validateUpdate: none,
  validateStatus: none,
};

function required(field: string): FieldError {
  return { type: 'FieldValueRequired', field, message: `${field}: Required value` };
}

function show(v: unknown): string {
  return JSON.stringify(v ?? null);
}

/** Selector and template rules shared by Deployments, ReplicaSets, StatefulSets and DaemonSets. */
function validateWorkload(obj: KObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const selector = spec.selector?.matchLabels as Record<string, string> | undefined;
  if (!spec.selector || (!selector && !spec.selector.matchExpressions)) {
    errs.push(required('spec.selector'));
  }
  const labels = (spec.template?.metadata?.labels ?? {}) as Record<string, string>;
  if (selector && Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.template.metadata.labels',
      message: `spec.template.metadata.labels: Invalid value: ${show(labels)}: \`selector\` does not match template \`labels\``,
    });
  }
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || spec.replicas < 0)) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.replicas',
      message: `spec.replicas: Invalid value: ${show(spec.replicas)}: must be greater than or equal to 0`,
    });
  }
  errs.push(...validatePodSpec(spec.template?.spec, 'spec.template.spec'));
  return errs;
}

function immutableSelector(old: KObject, next: KObject): FieldError[] {
  if (JSON.stringify(old.spec?.selector) === JSON.stringify(next.spec?.selector)) return [];
  return [
    {
      type: 'FieldValueInvalid',
      field: 'spec.selector',
      message: `spec.selector: Invalid value: ${show(next.spec?.selector)}: field is immutable`,
    },
  ];
}

function workload(defaults: (spec: Record<string, unknown>) => void): Strategy {
  return {
    ...base,
    hasGeneration: true,
    prepareForCreate(obj) {
      obj.spec = obj.spec ?? {};
      defaults(obj.spec);
      obj.spec.template = obj.spec.template ?? {};
      obj.spec.template.spec = defaultPodSpec(obj.spec.template.spec ?? {});
      obj.status = {};
    },
    validate: validateWorkload,
    validateUpdate: immutableSelector,
  };
}

const pods: Strategy = {
  ...base,
  prepareForCreate(obj) {
    obj.spec = defaultPodSpec(obj.spec ?? {});
    obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
  },
  validate: (obj) => validatePodSpec(obj.spec, 'spec'),
  validateUpdate: validatePodUpdate,
};

/** The next free ClusterIP in 10.96.0.0/16 (10.96.0.1 is the kubernetes Service's). */
function allocateClusterIP(ctx: StrategyContext, services: ResourceType): string {
  const used = new Set(ctx.list(services).map((s) => s.spec?.clusterIP as string));
  for (let i = 10; i < 65_000; i++) {
    const ip = `10.96.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    if (!used.has(ip)) return ip;
  }
  throw new Error('ClusterIP range exhausted');
}

function serviceStrategy(services: ResourceType): Strategy {
  return {
    ...base,
    nameRule: 'label',
    prepareForCreate(obj, ctx) {
      const spec = (obj.spec = obj.spec ?? {});
      spec.type = spec.type ?? 'ClusterIP';
      spec.sessionAffinity = spec.sessionAffinity ?? 'None';
      if (spec.clusterIP === undefined || spec.clusterIP === '') {
        spec.clusterIP = allocateClusterIP(ctx, services);
      }
      spec.clusterIPs = [spec.clusterIP];
      spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
      spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
      spec.internalTrafficPolicy = spec.internalTrafficPolicy ?? 'Cluster';
      for (const port of (spec.ports ?? []) as Record<string, unknown>[]) {
        port.protocol = port.protocol ?? 'TCP';
        port.targetPort = port.targetPort ?? port.port;
      }
      obj.status = { loadBalancer: {} };
    },
    validate(obj) {
      const ports = obj.spec?.ports;
      if (obj.spec?.clusterIP === 'None' || (Array.isArray(ports) && ports.length > 0)) return [];
      return [required('spec.ports')];
    },
  };
}

const namespaces: Strategy = {
  ...base,
  nameRule: 'label',
  prepareForCreate(obj) {
    const name = obj.metadata.name ?? '';
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
    obj.spec = { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  },
};

const endpointSlices: Strategy = {
  ...base,
  validate: (obj) => (obj.addressType ? [] : [required('addressType')]),
};

const STRATEGIES: Record<string, (rt: ResourceType) => Strategy> = {
  pods: () => pods,
  namespaces: () => namespaces,
  nodes: () => ({ ...base, keepsStatusOnCreate: true }),
  services: (rt) => serviceStrategy(rt),
  'discovery.k8s.io/endpointslices': () => endpointSlices,
  'policy/poddisruptionbudgets': () => pdbStrategy,
  'apps/deployments': () =>
    workload((spec) => {
      spec.replicas = spec.replicas ?? 1;
      spec.strategy = spec.strategy ?? {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      };
      spec.revisionHistoryLimit = spec.revisionHistoryLimit ?? 10;
      spec.progressDeadlineSeconds = spec.progressDeadlineSeconds ?? 600;
    }),
  'apps/replicasets': () => workload((spec) => (spec.replicas = spec.replicas ?? 1)),
  'apps/statefulsets': () =>
    workload((spec) => {
      spec.replicas = spec.replicas ?? 1;
      spec.podManagementPolicy = spec.podManagementPolicy ?? 'OrderedReady';
      spec.updateStrategy = spec.updateStrategy ?? {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 0 },
      };
      spec.revisionHistoryLimit = spec.revisionHistoryLimit ?? 10;
    }),
  'apps/daemonsets': () =>
    workload((spec) => {
      spec.updateStrategy = spec.updateStrategy ?? {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
      };
      spec.revisionHistoryLimit = spec.revisionHistoryLimit ?? 10;
    }),
};

export function strategyFor(rt: ResourceType): Strategy {
  return STRATEGIES[rt.key]?.(rt) ?? base;
}
