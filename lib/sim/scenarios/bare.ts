/**
 * The namespaces every cluster has, and no nodes: a start for a cluster whose nodes come from
 * elsewhere (`--manifests`, or a copy of a real cluster made by lib/sim/rehearse).
 */
export const BARE = ['default', 'kube-system', 'kube-public', 'kube-node-lease']
  .map((ns) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`)
  .join('---\n');
