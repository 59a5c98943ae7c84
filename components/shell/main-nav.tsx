'use client';

import Link from 'next/link';
import { useSearchParams, useSelectedLayoutSegment } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { VIEWS, viewHref } from './views';

type NavProps = { cluster: string; current: string | null; namespace?: string };

function NavList({ cluster, current, namespace }: NavProps) {
  const t = useTranslations();
  return (
    <nav
      aria-label={t('Shell.mainNav')}
      className="border-b border-zinc-200 px-2 py-2 md:w-52 md:shrink-0 md:border-r md:border-b-0 md:py-4 dark:border-zinc-800"
    >
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {VIEWS.map((view) => {
          const isCurrent = view.slug === current;
          return (
            <li key={view.slug}>
              <Link
                href={viewHref(cluster, view.slug, namespace)}
                aria-current={isCurrent ? 'page' : undefined}
                className={
                  isCurrent
                    ? 'block rounded-md bg-blue-50 px-3 py-1.5 text-sm font-semibold text-blue-800 dark:bg-blue-950 dark:text-blue-200'
                    : 'block rounded-md px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
                }
              >
                {t(`Views.${view.slug}.label`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Main navigation; links keep the namespace filter so every view shows the same scope. */
export function MainNav({ cluster }: { cluster: string }) {
  const current = useSelectedLayoutSegment();
  const namespace = useSearchParams().get('namespace') ?? undefined;
  return <NavList cluster={cluster} current={current} namespace={namespace} />;
}

/** Shown while search params are not yet known (static rendering); same links, no filter. */
export function MainNavFallback({ cluster }: { cluster: string }) {
  const current = useSelectedLayoutSegment();
  return <NavList cluster={cluster} current={current} />;
}
