import createNextIntlPlugin from 'next-intl/plugin';

// next-intl without locale-prefixed routes: lib/i18n/request.ts picks the language per request.
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Only lib/server/k8s loads client-node; keep it (and ws, openid-client…) out of the bundle.
  // better-sqlite3 (lib/server/store) is a native addon: it is loaded from node_modules too.
  serverExternalPackages: ['@kubernetes/client-node', 'better-sqlite3'],
  // Operators may run Drainboard air-gapped: nothing is fetched from elsewhere at run time.
  images: { unoptimized: true, remotePatterns: [] },
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
