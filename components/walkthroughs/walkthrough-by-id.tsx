'use client';

import { walkthroughById } from '@/lib/domain/walkthroughs';

import { WalkthroughPage } from './walkthrough-page';

/**
 * A walkthrough's page from its id: walkthroughs hold functions (their checks), so the client
 * looks its walkthrough up itself rather than receiving it from the server.
 */
export function WalkthroughPageById({ id }: { id: string }) {
  const walkthrough = walkthroughById(id);
  return walkthrough === undefined ? null : <WalkthroughPage walkthrough={walkthrough} />;
}
