import { BARE } from './bare';

/**
 * Three nodes across three zones and the namespaces every cluster has. The simulated
 * kubelet registers each node (conditions, capacity, node info) as soon as it appears.
 */
function node(name: string, zone: string, ip: string): string {
  return `
apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels:
    kubernetes.io/hostname: ${name}
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    topology.kubernetes.io/zone: ${zone}
spec: {}
status:
  addresses:
  - {type: InternalIP, address: ${ip}}
  - {type: Hostname, address: ${name}}
`;
}

export const EMPTY = [
  BARE,
  node('node-1', 'zone-a', '172.18.0.2'),
  node('node-2', 'zone-b', '172.18.0.3'),
  node('node-3', 'zone-c', '172.18.0.4'),
].join('---\n');
