'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState, type ChangeEvent } from 'react';

const inputClass =
  'w-48 rounded-md border border-zinc-300 bg-white px-2 py-1 placeholder:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-950';

/** The namespace filter lives in the URL (`?namespace=`) so a shared link shows the same scope. */
export function NamespaceFilter() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [value, setValue] = useState(() => searchParams.get('namespace') ?? '');

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const next = event.target.value;
    setValue(next);
    const params = new URLSearchParams(searchParams.toString());
    const trimmed = next.trim();
    if (trimmed) params.set('namespace', trimmed);
    else params.delete('namespace');
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="namespace-filter" className="font-medium">
        Namespace
      </label>
      <input
        id="namespace-filter"
        type="search"
        value={value}
        onChange={onChange}
        placeholder="All namespaces"
        autoComplete="off"
        spellCheck={false}
        className={inputClass}
      />
    </div>
  );
}

export function NamespaceFilterFallback() {
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="namespace-filter" className="font-medium">
        Namespace
      </label>
      <input
        id="namespace-filter"
        type="search"
        disabled
        placeholder="All namespaces"
        className={inputClass}
      />
    </div>
  );
}
