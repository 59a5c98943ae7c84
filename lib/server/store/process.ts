import 'server-only';

import { dataDirOf } from '../k8s/demo';
import { EvictionStore } from './eviction-store';

const KEY = Symbol.for('drainboard.evictionStore');

/**
 * The eviction store of this server process, under `DRAINBOARD_DATA_DIR` (default
 * `./.drainboard`), on globalThis so a development reload keeps one open database.
 */
export function processEvictionStore(): EvictionStore {
  const g = globalThis as { [KEY]?: EvictionStore };
  g[KEY] ??= EvictionStore.open(dataDirOf(process.env, process.cwd()));
  return g[KEY];
}
