import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Folders whose files `next build` compiles or copies. */
export const BUILD_INPUT_DIRS = ['app', 'components', 'lib', 'public'] as const;

/** Single files that change the build (configuration and dependencies). */
export const BUILD_INPUT_FILES = [
  'next.config.js',
  'next.config.mjs',
  'next.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'postcss.config.mjs',
  'postcss.config.js',
] as const;

/** The answer to "must `next build` run before `next start`?", with the reason to print. */
export type BuildDecision = { needed: false } | { needed: true; reason: string };

/**
 * Paths that never reach the build: unit tests, documentation, and the CLI and benchmarks,
 * which run under tsx. Paths are relative to the project root, with `/` separators.
 */
export function isIgnoredInput(path: string): boolean {
  return (
    /\.test\.tsx?$/.test(path) ||
    path.endsWith('.md') ||
    path === 'lib/cli' ||
    path.startsWith('lib/cli/') ||
    path === 'lib/bench' ||
    path.startsWith('lib/bench/')
  );
}

/**
 * Decides whether the production build in `<root>/.next` is missing or older than its inputs:
 * any file under {@link BUILD_INPUT_DIRS} (tests excluded) or any of {@link BUILD_INPUT_FILES}
 * modified after `.next/BUILD_ID`, which `next build` writes last. A folder counts too, as
 * its time changes when a file in it is added, renamed or removed.
 */
export async function needsBuild(root: string): Promise<BuildDecision> {
  const builtAt = await mtimeOf(join(root, '.next', 'BUILD_ID'));
  if (builtAt === undefined) return { needed: true, reason: 'there is no build yet' };
  for (const file of BUILD_INPUT_FILES) {
    const at = await mtimeOf(join(root, file));
    if (at !== undefined && at > builtAt) return changed(file);
  }
  for (const dir of BUILD_INPUT_DIRS) {
    const newer = await findNewer(root, join(root, dir), builtAt);
    if (newer !== undefined) return changed(newer);
  }
  return { needed: false };
}

function changed(path: string): BuildDecision {
  const reason = path.endsWith('/')
    ? `a file was added to or removed from ${path} since the last build`
    : `${path} changed since the last build`;
  return { needed: true, reason };
}

async function mtimeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The first input under `dir` newer than `since`, relative to `root`; depth first. */
async function findNewer(root: string, dir: string, since: number): Promise<string | undefined> {
  const rel = relative(root, dir).split('\\').join('/');
  if (isIgnoredInput(rel)) return undefined;
  const at = await mtimeOf(dir);
  if (at === undefined) return undefined;
  if (at > since) return `${rel}/`;
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = await findNewer(root, path, since);
      if (found !== undefined) return found;
      continue;
    }
    const file = relative(root, path).split('\\').join('/');
    if (!isIgnoredInput(file) && ((await mtimeOf(path)) ?? 0) > since) return file;
  }
  return undefined;
}
