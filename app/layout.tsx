import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Providers } from '@/components/shell/providers';
import { themeInitScript } from '@/lib/client/theme';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Layout');
  return { title: 'Drainboard', description: t('description') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The language comes from the NEXT_LOCALE cookie or Accept-Language (lib/i18n/request.ts).
  const locale = await getLocale();
  return (
    // The inline script sets data-theme before hydration, so the attribute differs by design.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {/* Messages and locale are handed to client components from lib/i18n/request.ts. */}
        <NextIntlClientProvider>
          <Providers>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
