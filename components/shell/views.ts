/** The dashboard's views, in navigation order; each is `/clusters/{cluster}/{view}`. */
export const VIEWS = [
  {
    slug: 'overview',
    label: 'Overview',
    summary: 'What is happening, what is blocked and why, and what you can do now.',
  },
  {
    slug: 'pods',
    label: 'Pods',
    summary: 'Every pod with its state, owner, node and the budgets that cover it.',
  },
  {
    slug: 'budgets',
    label: 'Budgets',
    summary: 'PodDisruptionBudgets: healthy against desired, and allowed disruptions.',
  },
  {
    slug: 'retries',
    label: 'Retries',
    summary: 'Evictions blocked by a budget and waiting to be retried, and what is stuck and why.',
  },
  {
    slug: 'timelines',
    label: 'Timelines',
    summary: 'The ordered facts of each pod eviction, from request to replacement Ready.',
  },
  {
    slug: 'nodes',
    label: 'Nodes',
    summary: 'Nodes, cordons and drains, and when a node is safe to power off.',
  },
  {
    slug: 'walkthroughs',
    label: 'Walkthroughs',
    summary: 'Guided scenarios on the embedded cluster that show eviction step by step.',
  },
] as const;

export type ViewSlug = (typeof VIEWS)[number]['slug'];
export type View = (typeof VIEWS)[number];

export function findView(slug: string): View | undefined {
  return VIEWS.find((view) => view.slug === slug);
}

/** Builds a view's URL, keeping the namespace filter so shared links open the same view. */
export function viewHref(cluster: string, view: ViewSlug, namespace?: string): string {
  const path = `/clusters/${encodeURIComponent(cluster)}/${view}`;
  return namespace ? `${path}?${new URLSearchParams({ namespace }).toString()}` : path;
}

/** Route params arrive percent-encoded in some Next versions; a bad escape is kept as is. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
