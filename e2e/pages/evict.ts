import type { Locator, Page } from '@playwright/test';
import { literal } from '../support/regex';
import { Shell } from './shell';

/** The Pods table with its row actions, and the Evict dialogs they open. */
export class EvictPage extends Shell {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the Pods view filtered as in its URL, e.g. `{ namespace: 'shop', labels: 'app=web' }`. */
  async openPods(params: Record<string, string>): Promise<void> {
    await this.open(`pods?${new URLSearchParams(params).toString()}`);
  }

  /** Opens a pod's own page. */
  async openPod(namespace: string, pod: string): Promise<void> {
    await this.open(`pods/${namespace}/${pod}`);
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Pods' });
  }

  /** The table row of a pod; `words` must follow its name in the row's text, e.g. 'Terminating'. */
  row(pod: string, ...words: string[]): Locator {
    const name = new RegExp(`\\b${[pod, ...words].map(literal).join('.*')}`);
    return this.table.getByRole('row', { name });
  }

  /** The Evict button of a pod's own page (see {@link openPod}). */
  get podPageEvict(): Locator {
    return this.page.getByRole('button', { name: 'Evict', exact: true });
  }

  /** The Evict button of a pod's row. */
  evictButton(namespace: string, pod: string): Locator {
    return this.page.getByRole('button', { name: `Evict ${namespace}/${pod}`, exact: true });
  }

  selectBox(namespace: string, pod: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select ${namespace}/${pod}`, exact: true });
  }

  get selectAll(): Locator {
    return this.page.getByRole('checkbox', { name: 'Select all shown pods' });
  }

  get evictSelected(): Locator {
    return this.page.getByRole('button', { name: 'Evict selected' });
  }

  /** The Evict dialog of one pod, labelled "Evict {namespace}/{pod}". */
  dialog(namespace: string, pod: string): Locator {
    return this.page.getByRole('dialog', { name: `Evict ${namespace}/${pod}`, exact: true });
  }

  /** The bulk dialog, labelled "Evict N pods". */
  bulkDialog(count: number): Locator {
    return this.page.getByRole('dialog', { name: `Evict ${count} pods`, exact: true });
  }
}

/** The parts of an Evict dialog. */
export const evictDialog = {
  verdict: (dialog: Locator) => dialog.getByLabel("Cluster's verdict (dry run)"),
  result: (dialog: Locator) => dialog.getByLabel('Eviction result'),
  /** The pod's live state in the dialog: Running, Terminating, then Gone. */
  podNow: (dialog: Locator) => dialog.getByRole('status', { name: 'Pod state now' }),
  budgets: (dialog: Locator) => dialog.getByRole('list', { name: 'Budgets selecting this pod' }),
  gracePeriod: (dialog: Locator) => dialog.getByRole('spinbutton', { name: /^Grace period/ }),
  submit: (dialog: Locator) => dialog.getByRole('button', { name: 'Evict', exact: true }),
  close: (dialog: Locator) => dialog.getByRole('button', { name: 'Close' }),
  whyBlocked: (dialog: Locator) => dialog.getByRole('region', { name: 'Why blocked' }),
};
