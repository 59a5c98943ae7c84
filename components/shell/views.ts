/**
 * The dashboard's views, in navigation order; each is `/clusters/{cluster}/{view}`. Their
 * names and summaries are messages (`Views.{slug}.label`, `Views.{slug}.summary`).
 */
export const VIEWS = [
  { slug: 'overview' },
  { slug: 'pods' },
  { slug: 'budgets' },
  { slug: 'retries' },
  { slug: 'timelines' },
  { slug: 'nodes' },
  { slug: 'walkthroughs' },
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
