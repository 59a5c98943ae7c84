import 'server-only';

/**
 * The hosts this request was addressed to: its `Host` header (Next's `request.url` names the
 * server's own bind address, not what the browser used) and, behind a reverse proxy,
 * `X-Forwarded-Host`. A cross-site page cannot set either on a fetch without a preflight.
 */
function ownHosts(request: Request): string[] {
  const forwarded = request.headers.get('x-forwarded-host');
  const host = request.headers.get('host') ?? new URL(request.url).host;
  const all = forwarded === null ? [host] : [host, ...forwarded.split(',').map((h) => h.trim())];
  return [...new Set(all)];
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Why a state-changing request is refused as possibly cross-site, or null when it comes from
 * the dashboard's own pages: the browser says `Sec-Fetch-Site: same-origin`, or its `Origin`
 * names the host the request was sent to (as Next checks Server Actions). A request with
 * neither is refused: Route Handlers have no CSRF protection of their own, and a form or
 * `text/plain` post from another site must not reach a cluster.
 * @see ../shared/docs/reliability-security.md §1.5
 */
export function crossSiteProblem(request: Request): string | null {
  if (request.headers.get('sec-fetch-site') === 'same-origin') return null;
  const origin = request.headers.get('origin');
  if (origin === null) {
    return 'refused: the request has no Origin header, so it may come from another site';
  }
  const hosts = ownHosts(request);
  const host = hostOf(origin);
  if (host !== null && hosts.includes(host)) return null;
  return `refused: the request comes from ${JSON.stringify(origin)}, not from this dashboard (${hosts.join(', ')})`;
}
