import { createHash } from 'node:crypto';
import { rfc3339 } from '../clock';
import type { KObject } from '../store/types';

/** Pod addresses per node: `10.<244 + block>.<node index>.<1..254>`, a /24 per block. */
const PER_BLOCK = 254;
const BLOCKS = 12;

interface Address {
  type: string;
  address: string;
}

/** Whether a node already reports a Ready condition (any status): if not, no kubelet has registered it. */
export function hasReadyCondition(node: KObject): boolean {
  return ((node.status?.conditions ?? []) as { type: string }[]).some((c) => c.type === 'Ready');
}

/**
 * Node indices and pod IPs, as the node IPAM controller and each node's CNI would hand them
 * out: a stable index per node, and an address no other live pod holds.
 */
export class NodeNetwork {
  private readonly indices = new Map<string, number>();
  private readonly cursors = new Map<string, number>();
  private readonly used = new Set<string>();
  private readonly byPod = new Map<string, string>();

  indexOf(node: string): number {
    let index = this.indices.get(node);
    if (index === undefined) this.indices.set(node, (index = this.indices.size));
    return index;
  }

  /** The node's InternalIP: the one it reports, or the one its kubelet registers with. */
  hostIP(node: KObject): string {
    const addresses = (node.status?.addresses ?? []) as Address[];
    const reported = addresses.find((a) => a.type === 'InternalIP')?.address;
    return reported ?? `172.18.0.${this.indexOf(node.metadata.name ?? '') + 2}`;
  }

  /** Marks an address found on an existing pod as taken. */
  claim(podKey: string, ip: string): void {
    this.used.add(ip);
    this.byPod.set(podKey, ip);
  }

  /** A free address on the node's range for the pod, or the one it already holds. */
  allocate(podKey: string, node: string): string {
    const held = this.byPod.get(podKey);
    if (held) return held;
    const index = this.indexOf(node);
    const start = this.cursors.get(node) ?? 0;
    for (let i = 0; i < PER_BLOCK * BLOCKS; i++) {
      const n = (start + i) % (PER_BLOCK * BLOCKS);
      const ip = `10.${244 + Math.floor(n / PER_BLOCK)}.${index}.${(n % PER_BLOCK) + 1}`;
      if (this.used.has(ip)) continue;
      // Round-robin, like host-local IPAM: a freed address is not reused at once.
      this.cursors.set(node, n + 1);
      this.claim(podKey, ip);
      return ip;
    }
    throw new Error(`sim: no pod addresses left on node ${node}`);
  }

  release(podKey: string): void {
    const ip = this.byPod.get(podKey);
    if (ip) this.used.delete(ip);
    this.byPod.delete(podKey);
  }
}

function condition(type: string, status: string, reason: string, message: string, now: string) {
  return { type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message };
}

/** The labels a kubelet puts on its Node when it registers. */
export function registrationLabels(node: KObject): Record<string, string> {
  const name = node.metadata.name ?? '';
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...(node.metadata.labels ?? {}),
  };
}

/**
 * The status a healthy kubelet posts for its node: pressure conditions False, Ready True
 * (KubeletReady), addresses, capacity and node info. Fields the node already has are kept.
 * https://kubernetes.io/docs/reference/node/node-status/
 */
export function registeredStatus(
  node: KObject,
  hostIP: string,
  now: number,
): Record<string, unknown> {
  const at = rfc3339(now);
  const name = node.metadata.name ?? '';
  const old = (node.status ?? {}) as Record<string, unknown>;
  const conditions = [
    condition(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
      at,
    ),
    condition(
      'DiskPressure',
      'False',
      'KubeletHasNoDiskPressure',
      'kubelet has no disk pressure',
      at,
    ),
    condition(
      'PIDPressure',
      'False',
      'KubeletHasSufficientPID',
      'kubelet has sufficient PID available',
      at,
    ),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', at),
  ];
  const existing = (old.conditions ?? []) as { type: string }[];
  const resources = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  const id = createHash('sha256').update(name).digest('hex').slice(0, 32);
  return {
    ...old,
    conditions: [
      ...existing,
      ...conditions.filter((c) => !existing.some((e) => e.type === c.type)),
    ],
    addresses: old.addresses ?? [
      { type: 'InternalIP', address: hostIP },
      { type: 'Hostname', address: name },
    ],
    capacity: old.capacity ?? resources,
    allocatable: old.allocatable ?? resources,
    daemonEndpoints: old.daemonEndpoints ?? { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: old.nodeInfo ?? {
      machineID: id,
      systemUUID: id,
      bootID: id,
      kernelVersion: '6.8.0-sim',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: 'containerd://1.7.24',
      kubeletVersion: 'v1.32.4',
      kubeProxyVersion: 'v1.32.4',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}
