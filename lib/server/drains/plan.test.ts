import { describe, expect, it } from 'vitest';

import { DrainPlanSchema, type DrainPlan } from '@/lib/domain/drains';

import { useRouteKit } from '../evictions/route-testkit';
import { cordon, dashboardOn, kubectl, plan, post, type Dashboard } from './drain-testkit';
import { startDrainRoute } from './routes';

/**
 * A drain's plan against the embedded demo cluster, compared with the real `kubectl drain
 * --dry-run=server` on the same nodes: the same pods evicted, skipped and refused with the same
 * messages, plus the cluster's dry-run verdicts and the budget simulation. Nothing changes.
 */

const kit = useRouteKit();
const FLAGS = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true };
const KUBECTL_FLAGS = ['--ignore-daemonsets', '--delete-emptydir-data', '--force'];

function dashboard(): Dashboard {
  return dashboardOn(kit, kit.store);
}

async function planOf(d: Dashboard, body: object): Promise<DrainPlan> {
  const { code, body: answer } = await plan(d, body);
  expect(code, JSON.stringify(answer)).toBe(200);
  return DrainPlanSchema.parse(answer);
}

/** kubectl's refusals, node by node: `node → error lines` (from `unable to drain node`). */
function kubectlErrors(stderr: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const line =
    /^error: unable to drain node "([^"]+)" due to error: \[(.*)\], continuing command\.\.\.$/;
  for (const l of stderr.split('\n')) {
    const m = line.exec(l);
    if (m) found.set(m[1] ?? '', (m[2] ?? '').split(/, (?=cannot delete )/).sort());
  }
  return found;
}

/** The pods kubectl evicts (`evicting pod ns/name (server dry run)`), sorted, once each. */
function evicting(stdout: string): string[] {
  const pods = stdout
    .split('\n')
    .flatMap((l) => /^evicting pod (\S+) \(server dry run\)$/.exec(l)?.[1] ?? []);
  return [...new Set(pods)].sort();
}

/** Warning groups (`msg: pods`), which kubectl orders at random (a Go map). */
const warningGroups = (line: string | null | undefined) =>
  (line ?? '')
    .replace(/^Warning: /, '')
    .split('; ')
    .filter(Boolean)
    .sort();

const refs = (p: DrainPlan, action: string) =>
  p.pods
    .filter((pod) => pod.action === action)
    .map((pod) => `${pod.namespace}/${pod.name}`)
    .sort();

/** Our errors by node: each plan error line names pods of one node. */
function planErrors(p: DrainPlan): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const line of p.errors) {
    const pods = line.slice(line.lastIndexOf(': ') + 2).split(', ');
    const node = p.pods.find((pod) => `${pod.namespace}/${pod.name}` === pods[0])?.node ?? '?';
    byNode.set(node, [...(byNode.get(node) ?? []), line].sort());
  }
  return byNode;
}

async function nodeUnschedulable(node: string): Promise<boolean> {
  const n = await kit.api<{ spec?: { unschedulable?: boolean } }>('GET', `/api/v1/nodes/${node}`);
  return n.spec?.unschedulable === true;
}

describe('the plan of a drain matches kubectl drain --dry-run=server', () => {
  it('refuses node-1 and node-3 without options, with kubectl errors, node by node', async () => {
    const d = dashboard();
    await kit.demoPods('web', 3);
    const ours = await planOf(d, { nodes: ['node-1', 'node-3'] });
    const theirs = await kubectl(kit, 'drain', 'node-1', 'node-3', '--dry-run=server');
    expect(theirs.code).toBe(1);
    expect(evicting(theirs.stdout)).toEqual([]);
    expect(planErrors(ours)).toEqual(kubectlErrors(theirs.stderr));
    expect(ours.canStart).toBe(false);
    expect(ours.problems.length).toBeGreaterThan(0);
    expect(refs(ours, 'refuse')).toEqual(
      expect.arrayContaining([
        'shop/debug-shell',
        expect.stringMatching(/^kube-system\/node-exporter-/),
      ]),
    );
    expect(await nodeUnschedulable('node-1')).toBe(false);
    expect(await nodeUnschedulable('node-3')).toBe(false);
  }, 60_000);

  it('evicts and skips on node-3 as kubectl does, every dry run passing', async () => {
    const d = dashboard();
    const ours = await planOf(d, { nodes: ['node-3'], ...FLAGS });
    const theirs = await kubectl(kit, 'drain', 'node-3', '--dry-run=server', ...KUBECTL_FLAGS);
    expect(theirs.code, theirs.stderr).toBe(0);
    expect(theirs.stdout).toContain('node/node-3 drained (server dry run)');
    expect(refs(ours, 'evict')).toEqual(evicting(theirs.stdout));
    expect(refs(ours, 'skip')).toEqual([expect.stringMatching(/^kube-system\/node-exporter-/)]);
    expect(refs(ours, 'refuse')).toEqual([]);
    expect(warningGroups(ours.warning)).toEqual(warningGroups(theirs.stderr.trim()));
    const evicted = ours.pods.filter((p) => p.action === 'evict');
    expect(evicted.map((p) => p.dryRun?.verdict)).toEqual(evicted.map(() => 'would-pass'));
    expect(ours.canStart && ours.canFinish).toBe(true);
    expect(await nodeUnschedulable('node-3')).toBe(false);
  }, 60_000);

  it('names the blocked and the several-budgets pods of node-1 with the cluster words', async () => {
    const d = dashboard();
    const ours = await planOf(d, { nodes: ['node-1'], ...FLAGS });
    const theirs = await kubectl(
      kit,
      ...['drain', 'node-1', '--dry-run=server', ...KUBECTL_FLAGS, '--timeout=6s'],
    );
    expect(theirs.code).toBe(1);
    expect(refs(ours, 'evict')).toEqual(evicting(theirs.stdout));
    const api = ours.pods.find((p) => p.name.startsWith('api-') && p.action === 'evict');
    const search = ours.pods.find((p) => p.name.startsWith('search-'));
    expect(api?.dryRun).toMatchObject({ verdict: 'blocked', code: 429, budget: 'api' });
    expect(theirs.stderr).toContain(
      `error when evicting pods/"${api?.name}" -n "shop" (will retry after 5s): ${api?.dryRun?.message}\n`,
    );
    expect(search?.dryRun).toMatchObject({ verdict: 'several-budgets', code: 500 });
    expect(theirs.stderr).toContain(
      `error when evicting pods/"${search?.name}" -n "shop": ${search?.dryRun?.message}`,
    );
    expect(ours.canStart).toBe(true);
    expect(ours.canFinish).toBe(false);
    const budget = ours.budgets.find((b) => b.name === 'api');
    expect(budget).toMatchObject({ allowedNow: 0, capacity: 0, canFinish: false });
    expect(budget?.why).toMatch(/minAvailable 2/);
    expect(await nodeUnschedulable('node-1')).toBe(false);
  }, 60_000);
});

describe('drain and node routes refuse bad input and change nothing', () => {
  it.each([
    [{ nodes: [] }, /at least one node/],
    [{ nodes: ['Node_1'] }, /node name/],
    [{ nodes: ['node-1', 'node-1'] }, /twice/],
    [{ nodes: ['node-1'], gracePeriodSeconds: 0 }, /gracefully/],
    [{ nodes: ['node-1'], podSelector: 'app in (' }, /podSelector/],
    [{ nodes: ['node-1'], evil: true }, /evil/],
  ])('400 for %j', async (body, why) => {
    const d = dashboard();
    const { code, body: answer } = await plan(d, body);
    expect(code).toBe(400);
    expect(answer).toMatchObject({ error: 'invalid', message: expect.stringMatching(why) });
  });

  it('refuses to start a drain kubectl would refuse: 409 with the plan, nothing cordoned', async () => {
    const d = dashboard();
    const res = await startDrainRoute(
      d.deps,
      post('/api/clusters/sim/drains', { nodes: ['node-3'] }),
      'sim',
    );
    expect(res.status).toBe(409);
    const answer = (await res.json()) as { error: string; plan: unknown };
    expect(answer.error).toBe('refused');
    expect(DrainPlanSchema.parse(answer.plan).canStart).toBe(false);
    expect(await nodeUnschedulable('node-3')).toBe(false);
    expect(kit.store.drains.list('sim', 10)).toEqual([]);
  });

  it('a plan naming a node that does not exist cannot start', async () => {
    const d = dashboard();
    const ours = await planOf(d, { nodes: ['node-9'] });
    expect(ours.canStart).toBe(false);
    expect(ours.problems.join(' ')).toMatch(/node-9/);
  });

  it('cordons and uncordons with kubectl words; 404 for an unknown node', async () => {
    const d = dashboard();
    expect(await cordon(d, 'node-2', true)).toEqual({
      code: 200,
      body: { node: 'node-2', isCordoned: true, message: 'node/node-2 cordoned' },
    });
    expect(await nodeUnschedulable('node-2')).toBe(true);
    expect((await cordon(d, 'node-2', true)).body).toMatchObject({
      message: 'node/node-2 already cordoned',
    });
    expect((await cordon(d, 'node-2', false)).body).toMatchObject({
      message: 'node/node-2 uncordoned',
    });
    expect(await nodeUnschedulable('node-2')).toBe(false);
    expect((await cordon(d, 'node-9', true)).code).toBe(404);
    expect((await cordon(d, 'Bad_Name', true)).code).toBe(400);
  });
});
