import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/shell/providers';
import { themeInitScript } from '@/lib/client/theme';
import './globals.css';

export const metadata: Metadata = {
  title: 'Drainboard',
  description: 'Kubernetes API-initiated eviction, visible and safe to operate.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The inline script sets data-theme before hydration, so the attribute differs by design.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
