import type { ProtoMessage } from './protobuf';

/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview in protobuf (k8s.io/api/authorization/v1
 * generated.proto), which `kubectl auth can-i` sends. `status` is left out: the server
 * overwrites it.
 */

const str = (name: string) => ({ name, type: 'string' as const });

const REQUIREMENT: ProtoMessage = {
  1: str('key'),
  2: str('operator'),
  3: { ...str('values'), repeated: true },
};

const SELECTOR: ProtoMessage = {
  1: str('rawSelector'),
  2: { name: 'requirements', type: REQUIREMENT, repeated: true },
};

const OWNER_REFERENCE: ProtoMessage = {
  1: str('kind'),
  3: str('name'),
  4: str('uid'),
  5: str('apiVersion'),
  6: { name: 'controller', type: 'int' },
  7: { name: 'blockOwnerDeletion', type: 'int' },
};

/** metav1.ObjectMeta, as far as validation (which wants it empty) looks at it. */
const OBJECT_META: ProtoMessage = {
  1: str('name'),
  2: str('generateName'),
  3: str('namespace'),
  4: str('selfLink'),
  5: str('uid'),
  6: str('resourceVersion'),
  7: { name: 'generation', type: 'int' },
  8: { name: 'creationTimestamp', type: 'time' },
  9: { name: 'deletionTimestamp', type: 'time' },
  10: { name: 'deletionGracePeriodSeconds', type: 'int' },
  11: { name: 'labels', type: 'map' },
  12: { name: 'annotations', type: 'map' },
  13: { name: 'ownerReferences', type: OWNER_REFERENCE, repeated: true },
  14: { ...str('finalizers'), repeated: true },
};

const RESOURCE_ATTRIBUTES: ProtoMessage = {
  1: str('namespace'),
  2: str('verb'),
  3: str('group'),
  4: str('version'),
  5: str('resource'),
  6: str('subresource'),
  7: str('name'),
  8: { name: 'fieldSelector', type: SELECTOR },
  9: { name: 'labelSelector', type: SELECTOR },
};

export const SELF_SUBJECT_ACCESS_REVIEW_PROTO: ProtoMessage = {
  1: { name: 'metadata', type: OBJECT_META },
  2: {
    name: 'spec',
    type: {
      1: { name: 'resourceAttributes', type: RESOURCE_ATTRIBUTES },
      2: { name: 'nonResourceAttributes', type: { 1: str('path'), 2: str('verb') } },
    },
  },
};
