'use client';

import { useLocale } from 'next-intl';

import { WORDS } from './words';

/** The Walkthroughs page's heading, in the interface's language. */
export function WalkthroughsHeading() {
  const locale = useLocale();
  return (
    <h1 id="view-heading" className="text-2xl font-semibold tracking-tight">
      {WORDS.heading[locale]}
    </h1>
  );
}
