/**
 * Placeholder until GET /api/clusters exists: the real list (kubeconfig contexts and the
 * embedded `demo`) replaces it. Disabled and empty rather than showing invented clusters.
 */
export function ClusterSwitcher() {
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="cluster-switcher" className="font-medium">
        Cluster
      </label>
      <select
        id="cluster-switcher"
        disabled
        aria-describedby="cluster-switcher-status"
        className="min-w-40 rounded-md border border-zinc-300 bg-white px-2 py-1 disabled:cursor-not-allowed disabled:opacity-70 dark:border-zinc-700 dark:bg-zinc-950"
      />
      <span id="cluster-switcher-status" role="status" className="text-zinc-600 dark:text-zinc-400">
        Loading clusters…
      </span>
    </div>
  );
}
