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
  return [...new Set(all.map((h) => h.toLowerCase()))];
}

/** The host name of a `host[:port]` (brackets kept off an IPv6 literal), lower-cased. */
function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return '';
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1)$/;

/**
 * The host names the dashboard answers to besides loopback: `DRAINBOARD_ALLOWED_HOSTS`
 * (comma-separated), for a dashboard served on another address or behind a proxy.
 */
export function allowedHostsOf(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env['DRAINBOARD_ALLOWED_HOSTS'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
}

/**
 * Why the request's Host is refused, or null. A page on another site can make the browser
 * send it here under its own name (DNS rebinding: evil.example resolving to 127.0.0.1), and
 * then its Origin matches its Host; only the Host name itself tells it apart.
 */
function hostProblem(hosts: readonly string[], allowed: readonly string[]): string | null {
  for (const host of hosts) {
    const name = hostnameOf(host);
    if (!LOOPBACK.test(name) && !allowed.includes(name)) {
      return `refused: this dashboard does not answer to the host ${JSON.stringify(host)} (set DRAINBOARD_ALLOWED_HOSTS to serve it under that name)`;
    }
  }
  return null;
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
 * the dashboard's own pages: it is addressed to a loopback or allowed host name, and the
 * browser says `Sec-Fetch-Site: same-origin` or its `Origin`
 * names the host the request was sent to (as Next checks Server Actions). A request with
 * neither is refused: Route Handlers have no CSRF protection of their own, and a form or
 * `text/plain` post from another site must not reach a cluster.
 * @see ../shared/docs/reliability-security.md §1.5
 */
export function crossSiteProblem(
  request: Request,
  allowedHosts: readonly string[] = allowedHostsOf(process.env),
): string | null {
  const hosts = ownHosts(request);
  const badHost = hostProblem(hosts, allowedHosts);
  if (badHost !== null) return badHost;
  if (request.headers.get('sec-fetch-site') === 'same-origin') return null;
  const origin = request.headers.get('origin');
  if (origin === null) {
    return 'refused: the request has no Origin header, so it may come from another site';
  }
  const host = hostOf(origin);
  if (host !== null && hosts.includes(host)) return null;
  return `refused: the request comes from ${JSON.stringify(origin)}, not from this dashboard (${hosts.join(', ')})`;
}
