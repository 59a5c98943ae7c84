import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

/** A walkthrough's run as `GET /api/walkthroughs[/{id}]` shows it (lib/server/walkthroughs). */
export const WalkthroughRunSchema = z.object({
  id: z.string(),
  state: z.enum(['idle', 'running', 'interrupted', 'finished']),
  cluster: z.string().nullable(),
  kubeconfigPath: z.string().nullable(),
  startedAt: z.string().nullable(),
  done: z.record(z.string(), z.string()),
});
export type WalkthroughRun = z.infer<typeof WalkthroughRunSchema>;

const ListSchema = z.object({ walkthroughs: z.array(WalkthroughRunSchema) });
const ErrorSchema = z.object({ message: z.string() });

const seg = encodeURIComponent;
const keys = {
  all: ['walkthroughs'] as const,
  one: (id: string) => ['walkthroughs', id] as const,
};

async function json(res: Response, what: string): Promise<unknown> {
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = ErrorSchema.safeParse(body);
    throw new Error(error.success ? error.data.message : `${what} answered ${res.status}`);
  }
  return body;
}

/** Every walkthrough's run, polled each few seconds. */
export function useWalkthroughRuns() {
  return useQuery({
    queryKey: keys.all,
    queryFn: async () =>
      ListSchema.parse(await json(await fetch('/api/walkthroughs'), 'GET /api/walkthroughs'))
        .walkthroughs,
    refetchInterval: 5000,
  });
}

/** One walkthrough's run, polled each second while it runs (its checks run on each read). */
export function useWalkthroughRun(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: async () => {
      const url = `/api/walkthroughs/${seg(id)}`;
      return WalkthroughRunSchema.parse(await json(await fetch(url), `GET ${url}`));
    },
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1000 : false),
  });
}

/** Starts (or starts again) a walkthrough, or finishes it. */
export function useWalkthroughAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: 'start' | 'finish') => {
      const url =
        action === 'start' ? `/api/walkthroughs/${seg(id)}/start` : `/api/walkthroughs/${seg(id)}`;
      const method = action === 'start' ? 'POST' : 'DELETE';
      const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json' } });
      return WalkthroughRunSchema.parse(await json(res, `${method} ${url}`));
    },
    onSuccess: (run) => {
      client.setQueryData(keys.one(id), run);
      void client.invalidateQueries({ queryKey: keys.all });
    },
  });
}

/** The ready-to-copy command of a kubectl step on the walkthrough's cluster. */
export function kubectlLine(kubeconfigPath: string, args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['kubectl', '--kubeconfig', quote(kubeconfigPath), ...args.map(quote)].join(' ');
}
