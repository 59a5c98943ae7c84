import 'server-only';

import { processDrainRunner } from '../drains/process';
import { processRetryQueue } from './process';

/**
 * At server start: resume the retry queue's pending entries (and start its stuck monitor and
 * timeline recorder), then the active drains.
 */
export function startBackgroundWork(): void {
  processRetryQueue();
  processDrainRunner();
}
