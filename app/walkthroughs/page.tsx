import type { Metadata } from 'next';

import { WalkthroughsHeading } from '@/components/walkthroughs/walkthroughs-heading';
import { WalkthroughsList } from '@/components/walkthroughs/walkthroughs-list';

export const metadata: Metadata = { title: 'Walkthroughs · Drainboard' };

/** `/walkthroughs`: every guided walkthrough and its run. */
export default function WalkthroughsPage() {
  return (
    <section aria-labelledby="view-heading" className="space-y-4">
      <WalkthroughsHeading />
      <WalkthroughsList />
    </section>
  );
}
