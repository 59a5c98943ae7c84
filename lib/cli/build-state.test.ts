import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsBuild } from './build-state';

const BUILT_AT = new Date('2026-01-01T12:00:00Z');
const BEFORE = new Date('2026-01-01T11:00:00Z');
const AFTER = new Date('2026-01-01T13:00:00Z');

/** The inputs of a small project, all older than its build. */
const PROJECT = [
  'package.json',
  'tsconfig.json',
  'next.config.js',
  'postcss.config.mjs',
  'app/page.tsx',
  'app/api/healthz/route.ts',
  'components/shell/app-shell.tsx',
  'lib/domain/views.ts',
  'lib/domain/views.test.ts',
  'lib/sim/cluster.ts',
  'lib/sim/README.md',
  'lib/cli/start.ts',
  'public/favicon.ico',
];

describe('needsBuild', () => {
  let root: string;

  async function put(path: string, at: Date): Promise<void> {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, path);
    await utimes(file, at, at);
  }

  /** Sets every folder's time to `at` (creating files moved them to now). */
  async function ageFolders(at: Date): Promise<void> {
    const dirs = new Set(PROJECT.flatMap((p) => ancestors(p)));
    for (const dir of dirs) await utimes(join(root, dir), at, at);
  }

  async function build(): Promise<void> {
    await put('.next/BUILD_ID', BUILT_AT);
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'drainboard-build-state-'));
    for (const path of PROJECT) await put(path, BEFORE);
    await ageFolders(BEFORE);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('builds when there is no build yet', async () => {
    expect(await needsBuild(root)).toEqual({ needed: true, reason: 'there is no build yet' });
  });

  it('does not build when every input is older than the build', async () => {
    await build();
    expect(await needsBuild(root)).toEqual({ needed: false });
  });

  it.each([
    'app/page.tsx',
    'app/api/healthz/route.ts',
    'components/shell/app-shell.tsx',
    'lib/domain/views.ts',
    'lib/sim/cluster.ts',
    'public/favicon.ico',
    'package.json',
    'tsconfig.json',
    'next.config.js',
    'postcss.config.mjs',
  ])('builds when %s changed after the build', async (path) => {
    await build();
    await put(path, AFTER);
    await ageFolders(BEFORE);
    expect(await needsBuild(root)).toEqual({
      needed: true,
      reason: `${path} changed since the last build`,
    });
  });

  it.each([
    'lib/domain/views.test.ts',
    'lib/sim/README.md',
    'lib/cli/start.ts',
    'lib/bench/bench-stream.ts',
  ])('does not build when only %s changed (it is not part of the build)', async (path) => {
    await build();
    await put(path, AFTER);
    await ageFolders(BEFORE);
    expect(await needsBuild(root)).toEqual({ needed: false });
  });

  it('builds when a file was removed after the build', async () => {
    await build();
    await rm(join(root, 'app/api/healthz/route.ts'));
    const folder = join(root, 'app/api/healthz');
    await utimes(folder, AFTER, AFTER);
    expect(await needsBuild(root)).toEqual({
      needed: true,
      reason: 'a file was added to or removed from app/api/healthz/ since the last build',
    });
  });

  it('ignores inputs that do not exist', async () => {
    await rm(join(root, 'public'), { recursive: true });
    await rm(join(root, 'postcss.config.mjs'));
    await build();
    expect(await needsBuild(root)).toEqual({ needed: false });
  });
});

/** `a/b/c.ts` → `a`, `a/b`. */
function ancestors(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
