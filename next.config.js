/** @type {import('next').NextConfig} */
const nextConfig = {
  // Only lib/server/k8s loads client-node; keep it (and ws, openid-client…) out of the bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  // Operators may run Drainboard air-gapped: nothing is fetched from elsewhere at run time.
  images: { unoptimized: true, remotePatterns: [] },
  poweredByHeader: false,
};

export default nextConfig;
