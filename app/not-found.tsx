import Link from 'next/link';
import { viewHref } from '@/components/shell/views';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl space-y-4 p-8">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        There is no Drainboard view at this address.
      </p>
      <Link
        href={viewHref('demo', 'overview')}
        className="text-blue-700 underline underline-offset-2 dark:text-blue-400"
      >
        Open the demo cluster&apos;s overview
      </Link>
    </main>
  );
}
