'use client';

import { useTranslations } from 'next-intl';

/** The Walkthroughs page's heading, in the interface's language. */
export function WalkthroughsHeading() {
  const t = useTranslations('Walkthroughs');
  return (
    <h1 id="view-heading" className="text-2xl font-semibold tracking-tight">
      {t('heading')}
    </h1>
  );
}
