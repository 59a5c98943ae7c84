import { QueryClient } from '@tanstack/react-query';

/** The browser's query client defaults; live data arrives over the stream, not polling. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false },
    },
  });
}
