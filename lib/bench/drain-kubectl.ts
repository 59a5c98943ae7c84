import {
  DRAIN_TIMEOUT_MS,
  SETTLE_TIMEOUT_MS,
  within,
  type DrainContext,
  type ToolMark,
} from './drain-run';
import { wallNow } from './http';
import { startDrain } from './retries-kubectl';
import { onExit, print, seconds } from './retries-run';
import { DRAINED_NODE } from './retries-scenario';

/**
 * kubectl's side of the drain benchmark: the real `kubectl drain node-1 --ignore-daemonsets
 * --delete-emptydir-data` (retries-kubectl.ts: its own HOME and `--cache-dir`; the scenario has
 * no DaemonSet pod, no emptyDir and no unmanaged pod, so `--force` is not needed). It cordons
 * the node, evicts every pod at once, retries each refused one 5 s later and exits once every
 * pod is gone. We then wait for the replacements, to report that time as well.
 */
export async function runKubectlDrain(ctx: DrainContext): Promise<ToolMark[]> {
  const { kubeconfig, observer, dir, cleanups } = ctx;
  ctx.start();
  const t0 = wallNow();
  const run = startDrain(kubeconfig, dir);
  onExit.add(run.kill);
  cleanups.add(() => {
    run.kill();
    onExit.delete(run.kill);
  });
  print(
    `  kubectl drain ${DRAINED_NODE} --ignore-daemonsets --delete-emptydir-data, pid ${run.pid}`,
  );
  const r = await within(run.done, DRAIN_TIMEOUT_MS, 'kubectl drain');
  const exitedMs = wallNow() - t0;
  if (r.code !== 0) throw new Error(`kubectl drain exited ${r.code}:\n${r.stderr}`);
  const refusals = (r.stderr.match(/will retry after 5s/g) ?? []).length;
  print(
    `  kubectl exited 0 after ${seconds(t0)}; it printed ${refusals} refusals ("will retry after 5s")`,
  );
  await observer.until(() => observer.allGone(), 10_000, 'every pod gone after kubectl exited');
  await observer.until(() => observer.allReplaced(), SETTLE_TIMEOUT_MS, 'replacements Ready');
  print(`  every replacement Ready after ${seconds(t0)}`);
  return [{ label: 'kubectl exited', ms: exitedMs }];
}
