'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { makeQueryClient } from '@/lib/client/query-client';

export function Providers({ children }: { children: ReactNode }) {
  // One QueryClient per browser tab, created once: useState's initialiser runs on the first
  // render only, so re-renders (and Suspense retries) never drop the cache. A module-level
  // client would instead be shared between requests during server rendering.
  const [queryClient] = useState(() => makeQueryClient());
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
