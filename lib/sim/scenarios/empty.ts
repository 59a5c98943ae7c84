/** Three Ready nodes across three zones and the namespaces every cluster has. */
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
  capacity: {cpu: "4", memory: 16Gi, pods: "110", ephemeral-storage: 100Gi}
  allocatable: {cpu: "4", memory: 16Gi, pods: "110", ephemeral-storage: 100Gi}
  conditions:
  - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}
  nodeInfo:
    kubeletVersion: v1.32.4
    kubeProxyVersion: v1.32.4
    containerRuntimeVersion: containerd://1.7.24
    osImage: Debian GNU/Linux 12 (bookworm)
    kernelVersion: 6.1.0-drainboard
    operatingSystem: linux
    architecture: amd64
`;
}

export const EMPTY = [
  ...['default', 'kube-system', 'kube-public', 'kube-node-lease'].map(
    (ns) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`,
  ),
  node('node-1', 'zone-a', '172.18.0.2'),
  node('node-2', 'zone-b', '172.18.0.3'),
  node('node-3', 'zone-c', '172.18.0.4'),
].join('---\n');
