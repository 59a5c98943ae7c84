import type { V1Pod } from '@kubernetes/client-node';
import type { PodAccess } from '../lib/domain/pod-access';
import { EvictPage, evictDialog } from './pages/evict';
import type { Sim } from './support/sim';
import { expect, test } from './fixtures';

/** The one permission taken away: evicting pods in namespace shop. */
const DENY_EVICT_IN_SHOP = {
  verb: 'create',
  resource: 'pods',
  subresource: 'eviction',
  namespace: 'shop',
};

const isLive = (p: V1Pod) =>
  !p.metadata?.deletionTimestamp &&
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/** The name of a Ready, not terminating pod of `namespace` matching `labels`. */
async function livePod(sim: Sim, namespace: string, labels: string): Promise<string> {
  const query = new URLSearchParams({ labelSelector: labels }).toString();
  let name = '';
  await expect
    .poll(async () => {
      const pods = await sim.list<V1Pod>(`/api/v1/namespaces/${namespace}/pods?${query}`);
      name = pods.find(isLive)?.metadata?.name ?? '';
      return name;
    })
    .not.toBe('');
  return name;
}

test('without create pods/eviction in shop: Evict is disabled there and says why, kube-system still evicts', async ({
  page,
  sim,
}) => {
  // The dashboard caches each (cluster, namespace) access answer for 30 s, so the rule is set
  // before any page asks, and cleared whatever happens.
  await sim.denyAccess([DENY_EVICT_IN_SHOP]);
  try {
    const shopPod = await livePod(sim, 'shop', 'app=web');
    const systemPod = await livePod(sim, 'kube-system', 'app=node-exporter');
    const pods = new EvictPage(page);

    // The Pods table: the row's button is disabled, the missing permission its description.
    await pods.openPods({ namespace: 'shop', labels: 'app=web' });
    await pods.expectLive();
    const shopButton = pods.evictButton('shop', shopPod);
    await expect(shopButton).toBeDisabled();
    await expect(shopButton).toHaveAccessibleDescription(
      /\bcreate pods\/eviction in namespace shop\b/,
    );

    // The pod's page says it in visible text next to the disabled button.
    await pods.openPod('shop', shopPod);
    await pods.expectLive();
    await expect(pods.podPageEvict).toBeDisabled();
    await expect(
      page.getByText('Not allowed: you lack the permission create pods/eviction in namespace shop'),
    ).toBeVisible();

    // kube-system is not denied: its answer comes back allowed and the row's button works.
    const systemAccess = page.waitForResponse((res) => {
      const url = new URL(res.url());
      return (
        url.pathname.endsWith('/access') && url.searchParams.get('namespace') === 'kube-system'
      );
    });
    await pods.openPods({ namespace: 'kube-system', labels: 'app=node-exporter' });
    await pods.expectLive();
    const answer = (await (await systemAccess).json()) as PodAccess;
    expect(answer.evict.allowed).toBe(true);
    const systemButton = pods.evictButton('kube-system', systemPod);
    await expect(systemButton).toBeEnabled();
    await expect(systemButton).toHaveAccessibleDescription('');
    await systemButton.click();
    const dialog = pods.dialog('kube-system', systemPod);
    await expect(evictDialog.verdict(dialog)).toContainText('would evict');
    await expect(evictDialog.submit(dialog)).toBeEnabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  } finally {
    await sim.clearAccess();
  }
});
