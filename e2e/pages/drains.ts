import { expect, type Locator, type Page } from '@playwright/test';
import { literal } from '../support/regex';
import { Shell } from './shell';

/** A drain option's checkbox on the Nodes page (components/drains/drain-options.tsx). */
export type DrainOption =
  'Ignore DaemonSets' | 'Delete emptyDir data' | 'Force (pods without a controller)';

/** The three stages' progress bars on a drain's page (components/drains/drain-progress.tsx). */
export type StageBar = 'Evictions accepted' | 'Pods gone' | 'Replacements Ready';

/**
 * The Nodes page with its drain plan (components/nodes, components/drains/drain-plan.tsx) and
 * a drain's page (components/drains/drain-page.tsx).
 */
export class DrainsPage extends Shell {
  constructor(page: Page) {
    super(page);
  }

  /** The Nodes table's row of `node`. */
  nodeRow(node: string): Locator {
    return this.page.getByRole('row').filter({
      has: this.page.getByRole('rowheader', { name: node, exact: true }),
    });
  }

  async select(node: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Select ${node} for drain` }).check();
  }

  async option(name: DrainOption): Promise<void> {
    await this.page.getByRole('checkbox', { name, exact: true }).check();
  }

  async fill(name: 'Timeout (seconds)' | 'Grace period (seconds)', value: string): Promise<void> {
    const box = this.page.getByRole('textbox', { name });
    await box.fill(value);
    await box.press('Enter');
  }

  async plan(): Promise<void> {
    await this.page.getByRole('button', { name: 'Plan drain' }).click();
  }

  planHeading(nodes: string): Locator {
    return this.page.getByRole('heading', { name: `Drain plan for ${nodes}` });
  }

  /** The plan's row of a pod (`namespace/name`, or a pattern of it). */
  planRow(pod: string | RegExp): Locator {
    const table = this.page.getByRole('table', { name: 'Pods of the plan' });
    return table.getByRole('row').filter({ hasText: pod });
  }

  startButton(): Locator {
    return this.page.getByRole('button', { name: 'Start drain' });
  }

  /** Starts the drain and waits for its page; the drain's id. */
  async start(nodes: string): Promise<number> {
    await this.startButton().click();
    const heading = this.page.getByRole('heading', {
      name: new RegExp(`^Drain #\\d+ — ${literal(nodes)}$`),
    });
    await expect(heading).toBeVisible();
    return Number(/#(\d+)/.exec((await heading.textContent()) ?? '')?.[1]);
  }

  bar(name: StageBar): Locator {
    return this.page.getByRole('progressbar', { name });
  }

  /** Waits until a stage's bar is full (every pod through it). */
  async expectFull(name: StageBar, timeout = 30_000): Promise<void> {
    const bar = this.bar(name);
    await expect
      .poll(
        async () =>
          (await bar.getAttribute('aria-valuenow')) === (await bar.getAttribute('aria-valuemax')),
        { timeout },
      )
      .toBe(true);
  }

  /** The drain page's article of a node. */
  node(name: string): Locator {
    return this.page.getByRole('article', { name: `Node ${name}` });
  }

  /** The drain's row of a pod (a pattern of `namespace/name`). */
  podRow(pod: RegExp): Locator {
    const table = this.page.getByRole('table', { name: 'Pods of the drain' });
    return table.getByRole('row').filter({
      has: this.page.getByRole('rowheader', { name: pod }),
    });
  }

  podsLeft(): Locator {
    return this.page.getByRole('list', { name: 'Pods left' });
  }
}
