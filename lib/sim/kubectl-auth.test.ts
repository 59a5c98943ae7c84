import { execFile as execFileCb } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DENIED_REASON } from './api/access';
import { kubectlEnv, startTestCluster, type TestCluster } from './testing';

/** The real kubectl's `auth can-i`, which asks with a SelfSubjectAccessReview. */

const execFile = promisify(execFileCb);
const KUBECTL = '/usr/bin/kubectl';

let tc: TestCluster;

beforeAll(async () => {
  tc = await startTestCluster({ scenario: 'demo' });
});
afterAll(async () => {
  await tc?.stop();
});
afterEach(() => tc.cluster.access.clear());

/** Runs `kubectl auth can-i …`: its output, stderr and exit code (1 means "no"). */
async function canI(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const argv = [
    ...['--kubeconfig', tc.kubeconfigPath, '--cache-dir', join(tc.dir, 'cache')],
    ...['auth', 'can-i', ...args],
  ];
  try {
    const { stdout, stderr } = await execFile(KUBECTL, argv, {
      env: kubectlEnv(tc.dir),
      timeout: 20_000,
    });
    return { out: stdout, err: stderr, code: 0 };
  } catch (e) {
    const {
      stdout = '',
      stderr = '',
      code,
    } = e as { stdout?: string; stderr?: string; code?: unknown };
    if (typeof code !== 'number') throw e;
    return { out: stdout, err: stderr, code };
  }
}

const EVICT = ['create', 'pods', '--subresource=eviction', '-n', 'shop'];

describe('kubectl auth can-i', () => {
  it('says yes to evicting pods', async () => {
    expect(await canI(...EVICT)).toEqual({ out: 'yes\n', err: '', code: 0 });
  });

  it('says yes to pods/eviction, which kubectl reads as the pod named "eviction"', async () => {
    expect(await canI('create', 'pods/eviction', '-n', 'shop')).toEqual({
      out: 'yes\n',
      err: '',
      code: 0,
    });
  });

  it('says no, with the reason, for a permission the control API denies', async () => {
    await tc.cluster.access.set([
      { verb: 'create', resource: 'pods', subresource: 'eviction', namespace: 'shop' },
    ]);
    expect(await canI(...EVICT)).toEqual({ out: `no - ${DENIED_REASON}\n`, err: '', code: 1 });
    expect((await canI('create', 'pods', '--subresource=eviction', '-n', 'default')).out).toBe(
      'yes\n',
    );
    expect((await canI('create', 'pods', '-n', 'shop')).out).toBe('yes\n');
  });

  it('says yes to a non-resource URL', async () => {
    expect((await canI('get', '/healthz')).out).toBe('yes\n');
  });
});
