import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { viewHref } from '@/components/shell/views';

export default async function NotFound() {
  const t = await getTranslations('NotFound');
  return (
    <main className="mx-auto max-w-xl space-y-4 p-8">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">{t('body')}</p>
      <Link
        href={viewHref('demo', 'overview')}
        className="text-blue-700 underline underline-offset-2 dark:text-blue-400"
      >
        {t('link')}
      </Link>
    </main>
  );
}
