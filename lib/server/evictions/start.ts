import 'server-only';

import { processRetryQueue } from './process';

/** At server start: resume the retry queue's pending entries (and start its stuck monitor). */
export function startRetryQueue(): void {
  processRetryQueue();
}
