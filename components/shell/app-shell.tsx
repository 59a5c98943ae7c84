import { Suspense, type ReactNode } from 'react';
import { ClusterSwitcher } from './cluster-switcher';
import { LanguageSwitcher } from './language-switcher';
import { MainNav, MainNavFallback } from './main-nav';
import { NamespaceFilter, NamespaceFilterFallback } from './namespace-filter';
import { ThemeToggle } from './theme-toggle';
import { WatchHealth } from './watch-health';

/** Header, navigation and content area shared by every view of one cluster. */
export function AppShell({ cluster, children }: { cluster: string; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-3 border-b border-zinc-200 bg-zinc-50 px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
        <p className="text-lg font-semibold tracking-tight">Drainboard</p>
        <ClusterSwitcher cluster={cluster} />
        <Suspense fallback={<NamespaceFilterFallback />}>
          <NamespaceFilter />
        </Suspense>
        <div className="ml-auto flex items-center gap-3">
          <WatchHealth cluster={cluster} />
          <LanguageSwitcher />
          <ThemeToggle />
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <Suspense fallback={<MainNavFallback cluster={cluster} />}>
          <MainNav cluster={cluster} />
        </Suspense>
        <main className="min-w-0 flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
