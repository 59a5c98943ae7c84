import { execFile as execFileCb } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { eventually, startTestCluster, type TestCluster, kubectlEnv } from './testing';

const execFile = promisify(execFileCb);

let tc: TestCluster;
/** Every command whose stderr was not empty; none is allowed. */
let noisy: string[] = [];

/** Runs the real kubectl against the cluster; fails on a non-zero exit or any stderr output. */
async function kubectl(...args: string[]): Promise<string> {
  const argv = ['--kubeconfig', tc.kubeconfigPath, '--cache-dir', join(tc.dir, 'cache'), ...args];
  const { stdout, stderr } = await execFile('/usr/bin/kubectl', argv, {
    env: kubectlEnv(tc.dir),
    timeout: 20_000,
  });
  if (stderr !== '') {
    noisy.push(`kubectl ${args.join(' ')}: ${stderr}`);
    throw new Error(`kubectl ${args.join(' ')} wrote to stderr: ${stderr}`);
  }
  return stdout;
}

type Row = Record<string, string> & { NAME: string };

/** Splits one kubectl table into its header and rows, cut at the header's column offsets. */
function table(out: string): { columns: string[]; rows: Row[] } {
  const [header = '', ...lines] = out.split('\n').filter((l) => l !== '');
  const cols = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  const rows = lines.map((line) =>
    Object.fromEntries(cols.map((c, i) => [c.name, line.slice(c.at, cols[i + 1]?.at).trim()])),
  ) as Row[];
  return { columns: cols.map((c) => c.name), rows };
}

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'demo' });
});

afterAll(async () => {
  await tc?.stop();
});

afterEach(() => {
  expect(noisy).toEqual([]);
  noisy = [];
});

const AGE = /^\d+s$/;
const POD_IP = /^10\.244\.\d+\.\d+$/;
const NODES = ['node-1', 'node-2', 'node-3'];

describe('kubectl get and describe against the demo scenario', () => {
  it('get pods -A -o wide shows the demo pods in the wide columns', async () => {
    const { columns, rows } = await eventually(
      async () => {
        const t = table(await kubectl('get', 'pods', '-A', '-o', 'wide'));
        const web = t.rows.filter((r) => r.NAME.startsWith('web-'));
        const ready = web.length === 3 && web.every((r) => r.READY === '1/1');
        return ready && t.rows.some((r) => r.NAME === 'db-0' && r.STATUS === 'Running') && t;
      },
      20_000,
      'the web pods to be Ready',
    );
    expect(columns).toEqual([
      'NAMESPACE',
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    const web = rows.filter((r) => r.NAME.startsWith('web-'));
    for (const r of web) {
      expect(r).toMatchObject({ NAMESPACE: 'shop', READY: '1/1', STATUS: 'Running' });
      expect(r.NAME).toMatch(/^web-[a-z0-9]{6,10}-[a-z0-9]{5}$/);
      expect(r.RESTARTS).toBe('0');
      expect(r.AGE).toMatch(AGE);
      expect(r.IP).toMatch(POD_IP);
      expect(NODES).toContain(r.NODE);
      expect(r['NOMINATED NODE']).toBe('<none>');
      expect(r['READINESS GATES']).toBe('<none>');
    }
    // The scheduler spreads a controller's pods over the three nodes.
    expect(new Set(web.map((r) => r.NODE)).size).toBe(3);
    expect(rows.find((r) => r.NAME === 'db-0')).toMatchObject({ NAMESPACE: 'shop' });
    const exporters = rows.filter((r) => r.NAME.startsWith('node-exporter-'));
    expect(exporters.map((r) => r.NAMESPACE)).toEqual([
      'kube-system',
      'kube-system',
      'kube-system',
    ]);
    for (const r of exporters) expect(r.NAME).toMatch(/^node-exporter-[a-z0-9]{5}$/);
    expect(exporters.map((r) => r.NODE).sort()).toEqual(NODES);
    // Sorted by namespace, then name, as the server lists them.
    expect(rows.map((r) => r.NAMESPACE)).toEqual(rows.map((r) => r.NAMESPACE).sort());
    // Every pod IP is distinct.
    const ips = rows.map((r) => r.IP).filter((ip) => ip !== '<none>');
    expect(new Set(ips).size).toBe(ips.length);
  });

  it('get nodes shows node-1..3 Ready', async () => {
    const { columns, rows } = table(await kubectl('get', 'nodes'));
    expect(columns).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(rows.map((r) => [r.NAME, r.STATUS, r.ROLES])).toEqual(
      NODES.map((n) => [n, 'Ready', '<none>']),
    );
    for (const r of rows) {
      expect(r.AGE).toMatch(AGE);
      expect(r.VERSION).toMatch(/^v1\.\d+\.\d+$/);
    }
  });

  it('get deploy,rs,sts,ds,svc,endpointslices -A shows one table per kind', async () => {
    const out = await eventually(
      async () => {
        const text = await kubectl('get', 'deploy,rs,sts,ds,svc,endpointslices', '-A');
        return /deployment\.apps\/web\s+3\/3\s+3\s+3\s/.test(text) && text;
      },
      20_000,
      'web to be available',
    );
    const sections = out.split('\n\n').map(table);
    expect(sections.map((s) => s.columns)).toEqual([
      ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
      ['NAMESPACE', 'NAME', 'READY', 'AGE'],
      [
        'NAMESPACE',
        'NAME',
        'DESIRED',
        'CURRENT',
        'READY',
        'UP-TO-DATE',
        'AVAILABLE',
        'NODE SELECTOR',
        'AGE',
      ],
      ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['NAMESPACE', 'NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    ]);
    const [deploys = [], rss = [], stss, dss, svcs = [], slices = []] = sections.map((s) => s.rows);
    expect(deploys.map((r) => `${r.NAMESPACE} ${r.NAME}`)).toEqual([
      'shop deployment.apps/api',
      'shop deployment.apps/checkout',
      'shop deployment.apps/flaky',
      'shop deployment.apps/search',
      'shop deployment.apps/web',
      'shop deployment.apps/worker',
    ]);
    expect(deploys[4]).toMatchObject({ READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3' });
    expect(rss.map((r) => r.NAME)).toEqual([
      ...['api', 'checkout', 'flaky', 'search', 'web', 'worker'].map((app) =>
        expect.stringMatching(new RegExp(`^replicaset\\.apps/${app}-[a-z0-9]{6,10}$`)),
      ),
    ]);
    expect(rss[4]).toMatchObject({ NAMESPACE: 'shop', DESIRED: '3', CURRENT: '3', READY: '3' });
    expect(stss).toEqual([
      {
        NAMESPACE: 'shop',
        NAME: 'statefulset.apps/db',
        READY: expect.stringMatching(/^[0-3]\/3$/),
        AGE: expect.stringMatching(AGE),
      },
    ]);
    expect(dss).toEqual([
      {
        NAMESPACE: 'kube-system',
        NAME: 'daemonset.apps/node-exporter',
        DESIRED: '3',
        CURRENT: '3',
        READY: expect.stringMatching(/^[0-3]$/),
        'UP-TO-DATE': '3',
        AVAILABLE: expect.stringMatching(/^[0-3]$/),
        'NODE SELECTOR': '<none>',
        AGE: expect.stringMatching(AGE),
      },
    ]);
    const shopSvcs = svcs.filter((r) => r.NAMESPACE === 'shop');
    expect(shopSvcs.map((r) => [r.NAME, r.TYPE, r['EXTERNAL-IP'], r['PORT(S)']])).toEqual([
      ['service/api', 'ClusterIP', '<none>', '8080/TCP'],
      ['service/db', 'ClusterIP', '<none>', '5432/TCP'],
      ['service/web', 'ClusterIP', '<none>', '80/TCP'],
    ]);
    expect(shopSvcs.map((r) => r['CLUSTER-IP'])).toEqual([
      expect.stringMatching(/^10\.96\.\d+\.\d+$/),
      'None',
      expect.stringMatching(/^10\.96\.\d+\.\d+$/),
    ]);
    const web = slices.find((r) =>
      /^endpointslice\.discovery\.k8s\.io\/web-[a-z0-9]{5}$/.test(r.NAME),
    );
    expect(web).toMatchObject({ NAMESPACE: 'shop', ADDRESSTYPE: 'IPv4', PORTS: '80' });
    // The slice lists the addresses of the three web pods.
    const podIPs = await kubectl(
      'get',
      'pods',
      '-n',
      'shop',
      '-l',
      'app=web',
      '-o',
      'jsonpath={.items[*].status.podIP}',
    );
    expect(web?.ENDPOINTS?.split(',').sort()).toEqual(podIPs.split(' ').sort());
  });

  it('describe pod shows the pod, its node, status and the kubelet events in order', async () => {
    const names = await kubectl(
      'get',
      'pods',
      '-n',
      'shop',
      '-l',
      'app=web',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    );
    const pod = names.split(' ')[0] ?? '';
    expect(pod).toMatch(/^web-/);
    const node = await kubectl('get', 'pod', pod, '-n', 'shop', '-o', 'jsonpath={.spec.nodeName}');
    expect(NODES).toContain(node);
    const out = await kubectl('describe', 'pod', pod, '-n', 'shop');
    expect(out).toMatch(new RegExp(`^Name:\\s+${pod}$`, 'm'));
    expect(out).toMatch(/^Namespace:\s+shop$/m);
    expect(out).toMatch(new RegExp(`^Node:\\s+${node}/172\\.18\\.0\\.\\d+$`, 'm'));
    expect(out).toMatch(/^Status:\s+Running$/m);
    expect(out).toMatch(/^Controlled By:\s+ReplicaSet\/web-[a-z0-9]+$/m);
    expect(out).toMatch(/^ {4}Image:\s+nginx:1\.27$/m);
    expect(out).toMatch(/^ {4}Port:\s+80\/TCP$/m);
    expect(out).toMatch(/^ {4}Ready:\s+True$/m);
    const events = out.slice(out.indexOf('\nEvents:\n') + '\nEvents:\n'.length);
    const rows = table(events.replace(/^ *-+.*$/m, '')).rows;
    expect(rows.map((r) => [r.Type, r.Reason, r.From])).toEqual([
      ['Normal', 'Scheduled', 'default-scheduler'],
      ['Normal', 'Pulled', 'kubelet'],
      ['Normal', 'Created', 'kubelet'],
      ['Normal', 'Started', 'kubelet'],
    ]);
    expect(rows.map((r) => r.Message)).toEqual([
      `Successfully assigned shop/${pod} to ${node}`,
      'Container image "nginx:1.27" already present on machine',
      'Created container: web',
      'Started container web',
    ]);
  });
});
