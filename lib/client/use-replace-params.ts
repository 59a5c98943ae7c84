import { useCallback } from 'react';

import { withParams } from './pod-query';

/**
 * Returns a function that changes some search params of the current URL in place (no new
 * history entry, no server round trip): Next.js syncs `window.history.replaceState` with
 * `useSearchParams`, so every view re-reads its filters from the URL.
 * @see https://nextjs.org/docs/app/getting-started/linking-and-navigating#native-history-api
 */
export function useReplaceParams(): (patch: Readonly<Record<string, string | null>>) => void {
  return useCallback((patch) => {
    const search = withParams(window.location.search, patch);
    window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  }, []);
}
