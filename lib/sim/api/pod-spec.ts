import type { KObject } from '../store/types';
import type { FieldError } from './errors';

type Spec = Record<string, unknown>;
type Container = Record<string, unknown>;

/** The NoExecute tolerations the DefaultTolerationSeconds admission plugin adds to every pod. */
const DEFAULT_TOLERATIONS = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
];

function defaultContainer(c: Container): Container {
  const image = String(c.image ?? '');
  const tag = image.includes('@') ? 'digest' : (image.split('/').pop() ?? '').split(':')[1];
  const out: Container = {
    ...c,
    imagePullPolicy:
      c.imagePullPolicy ?? (tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent'),
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    resources: c.resources ?? {},
  };
  if (Array.isArray(c.ports)) {
    // SetDefaults_ContainerPort: the protocol defaults to TCP.
    out.ports = (c.ports as Container[]).map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  }
  return out;
}

/** Pod spec defaults of the core/v1 defaulters and the default admission plugins. */
export function defaultPodSpec(spec: Spec): Spec {
  const out: Spec = {
    ...spec,
    restartPolicy: spec.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
    schedulerName: spec.schedulerName ?? 'default-scheduler',
    serviceAccountName: spec.serviceAccountName ?? 'default',
    securityContext: spec.securityContext ?? {},
    enableServiceLinks: spec.enableServiceLinks ?? true,
    priority: spec.priority ?? 0,
    preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority',
    tolerations: spec.tolerations ?? DEFAULT_TOLERATIONS,
  };
  if (Array.isArray(spec.containers)) out.containers = spec.containers.map(defaultContainer);
  if (Array.isArray(spec.initContainers))
    out.initContainers = spec.initContainers.map(defaultContainer);
  return out;
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The parts of ValidatePodSpec that clients meet in practice: containers, names, images. */
export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  const containers = (spec as Spec | undefined)?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    return [
      {
        type: 'FieldValueRequired',
        field: `${path}.containers`,
        message: `${path}.containers: Required value`,
      },
    ];
  }
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c: Container, i) => {
    const at = `${path}.containers[${i}]`;
    const name = c?.name;
    if (typeof name !== 'string' || name === '') {
      errs.push({
        type: 'FieldValueRequired',
        field: `${at}.name`,
        message: `${at}.name: Required value`,
      });
    } else if (!LABEL.test(name) || name.length > 63) {
      errs.push({
        type: 'FieldValueInvalid',
        field: `${at}.name`,
        message: `${at}.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      });
    } else if (seen.has(name)) {
      errs.push({
        type: 'FieldValueDuplicate',
        field: `${at}.name`,
        message: `${at}.name: Duplicate value: "${name}"`,
      });
    }
    if (typeof name === 'string') seen.add(name);
    if (typeof c?.image !== 'string' || c.image.trim() === '') {
      errs.push({
        type: 'FieldValueRequired',
        field: `${at}.image`,
        message: `${at}.image: Required value`,
      });
    }
  });
  return errs;
}

const MUTABLE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** A pod's spec is immutable but for images, activeDeadlineSeconds and added tolerations. */
export function validatePodUpdate(old: KObject, next: KObject): FieldError[] {
  const strip = (spec: Spec | undefined): string => {
    const s: Spec = { ...(spec ?? {}) };
    for (const k of ['containers', 'initContainers']) {
      if (Array.isArray(s[k])) s[k] = (s[k] as Container[]).map((c) => ({ ...c, image: '' }));
    }
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    return JSON.stringify(s);
  };
  if (strip(old.spec) === strip(next.spec)) return [];
  return [
    { type: 'FieldValueForbidden', field: 'spec', message: `spec: Forbidden: ${MUTABLE_MESSAGE}` },
  ];
}
