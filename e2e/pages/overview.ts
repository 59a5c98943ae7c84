import type { Locator, Page } from '@playwright/test';
import { literal } from '../support/regex';
import { Shell } from './shell';

/** The Overview: pod and budget counts, watch health and the node map with its pod tiles. */
export class OverviewPage extends Shell {
  constructor(page: Page) {
    super(page);
  }

  async openOverview(): Promise<void> {
    await this.open('overview');
  }

  /** The "Pods" card: counts by state. */
  get podCounts(): Locator {
    return this.page.getByRole('region', { name: 'Pods', exact: true });
  }

  /** The "PodDisruptionBudgets" card: counts and the budgets that block evictions. */
  get budgets(): Locator {
    return this.page.getByRole('region', { name: 'PodDisruptionBudgets', exact: true });
  }

  get blockedBudgets(): Locator {
    return this.budgets.getByRole('list', { name: 'Blocked budgets' });
  }

  /** A node of the node map, with its badges and pod tiles. */
  node(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /**
   * The tile of a pod, named "web-abc12, Running, Ready, on node-1"; `words` must follow the
   * name in that order, e.g. `podTile('web-abc12', 'Terminating')`.
   */
  podTile(pod: string, ...words: string[]): Locator {
    const name = new RegExp(`^${[pod, ...words].map(literal).join(', ')}(,|$)`);
    return this.page.getByRole('listitem', { name });
  }
}
