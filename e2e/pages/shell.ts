import { expect, type Locator, type Page } from '@playwright/test';
import { SIM_CONTEXT } from '../support/sim';

/** The dashboard's shell around every view of the embedded cluster. */
export class Shell {
  constructor(readonly page: Page) {}

  /** Opens a view (`overview`, `pods`, `nodes`, …) of the embedded cluster. */
  async open(view: string): Promise<void> {
    await this.page.goto(`/clusters/${SIM_CONTEXT}/${view}`);
  }

  /** The header's watch health, a status named "Watch health: Live" (or why it is not). */
  watchHealth(headline: 'Live' | 'Reconnecting'): Locator {
    return this.page.getByRole('status', { name: new RegExp(`^Watch health: ${headline}\\b`) });
  }

  async expectLive(timeout?: number): Promise<void> {
    await expect(this.watchHealth('Live')).toBeVisible({ timeout });
  }

  async expectReconnecting(): Promise<void> {
    await expect(this.watchHealth('Reconnecting')).toBeVisible();
  }
}
