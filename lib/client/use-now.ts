import { useSyncExternalStore } from 'react';

/**
 * One ticking clock for the whole tab: every countdown and age reads the same second, and
 * ticks together on the second boundary. It runs only while something displays time.
 */
let now = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
  timer = setTimeout(tick, 1000 - (now % 1000));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // The first subscriber starts the clock; React re-reads the (now current) time right after.
  if (timer === undefined) tick();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearTimeout(timer);
    timer = undefined;
    now = 0;
  };
}

/** null (as on the server) until the clock runs: a stopped clock's time would be wrong. */
const getNow = () => (now === 0 ? null : now);
// The server and hydration know no time: components show absolute times until the clock runs.
const getServerNow = () => null;

/** The current time (epoch ms), updated every second; null while rendering on the server. */
export function useNow(): number | null {
  return useSyncExternalStore<number | null>(subscribe, getNow, getServerNow);
}
