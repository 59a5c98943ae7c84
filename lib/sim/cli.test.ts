import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const cli = join(import.meta.dirname, 'cli.ts');
const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');

function run(args: string[]) {
  const child = spawn(tsx, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out, errors: () => err };
}

describe('npm run sim', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drainboard-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('documents every flag in --help', async () => {
    const r = run(['--help']);
    expect(await r.exited).toBe(0);
    const flags = ['--port', '--kubeconfig', '--scenario', '--manifests', '--help'];
    for (const flag of [...flags, '--from-context', '--source-kubeconfig', '--timing']) {
      expect(r.output()).toContain(flag);
    }
  });

  it('serves on a free port, writes a kubeconfig, and stops cleanly on SIGTERM', async () => {
    const kubeconfig = join(dir, 'sim.kubeconfig');
    const r = run(['--port', '0', '--kubeconfig', kubeconfig, '--scenario', 'empty']);
    const deadline = Date.now() + 20_000;
    while (!r.output().includes('Try: kubectl') && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 50));
    }
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(r.output())?.[1];
    expect(url).toBeDefined();
    expect(r.output()).toContain(`kubectl --kubeconfig ${kubeconfig} get pods -A`);
    const config = parse(await readFile(kubeconfig, 'utf8'));
    expect(config['current-context']).toBe('drainboard-sim');
    expect(config.clusters[0].cluster).toEqual({ server: url, 'insecure-skip-tls-verify': true });
    const version = await fetch(`${url}/version`).then((res) => res.json());
    expect(version.gitVersion).toMatch(/^v1\.32\./);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(r.output()).toContain('Embedded cluster stopped.');
    await expect(fetch(`${url}/version`)).rejects.toThrow();
  });

  it('refuses a bad port and an unknown scenario with exit code 2', async () => {
    const bad = run(['--port', '99999']);
    expect(await bad.exited).toBe(2);
    expect(bad.errors()).toContain('--port must be 0 to 65535');
    const unknown = run(['--port', '0', '--kubeconfig', join(dir, 'x'), '--scenario', 'nope']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.errors()).toContain('unknown scenario "nope"');
  });

  it('refuses a bad --timing, and --timing without --from-context, with exit code 2', async () => {
    const bad = run(['--from-context', 'x', '--timing', 'shop/Deployment/web=start:soon']);
    expect(await bad.exited).toBe(2);
    expect(bad.errors()).toContain(
      'sim: --timing shop/Deployment/web=start:soon: start "soon" is not a duration such as 5s or 1m30s',
    );
    const alone = run(['--timing', 'shop/Deployment/web=start:1s']);
    expect(await alone.exited).toBe(2);
    expect(alone.errors()).toContain('--source-kubeconfig and --timing need --from-context');
  });
});
