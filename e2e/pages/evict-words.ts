import { expect, type Locator, type Page } from '@playwright/test';
import { patternOf, type Words } from '../support/words';

/**
 * Evicting the pods of one namespace from their rows in the Pods view, in any language: every
 * control found by the role and name the interface gives it in the language of `w`.
 */
export class EvictInWords {
  constructor(
    readonly page: Page,
    readonly w: Words,
    readonly namespace: string,
  ) {}

  /** The Evict buttons of the rows of pods named `prefix…`, and a pod's name from a label. */
  rows(prefix: string): { buttons: Locator; podOf: (label: string | null) => string } {
    const pattern = patternOf((rest) =>
      this.w('Evict.rowEvict', { ref: `${this.namespace}/${prefix}${rest}` }),
    );
    return {
      buttons: this.page.getByRole('button', { name: pattern }),
      podOf: (label) => `${prefix}${pattern.exec(label ?? '')?.[1] ?? ''}`,
    };
  }

  /** The first pod named `prefix…` whose row offers Evict. */
  async firstShown(prefix: string): Promise<string> {
    const { buttons, podOf } = this.rows(prefix);
    return podOf(await buttons.first().getAttribute('aria-label'));
  }

  /** The Evict dialog of a pod. */
  dialog(pod: string): Locator {
    return this.page.getByRole('dialog', {
      name: this.w('Evict.title', { ref: `${this.namespace}/${pod}` }),
      exact: true,
    });
  }

  /** The result panel of the Evict dialog. */
  result(dialog: Locator): Locator {
    return dialog.getByLabel(this.w('Evict.result'));
  }

  /**
   * Evicts a pod from its row in the Pods view (open it first); `expected` is in the result,
   * after `verdict` in the dry run's verdict if given. Leaves the dialog open when `keepOpen`,
   * else closes it with Escape.
   */
  async evict(
    pod: string,
    expected: string,
    opts: { keepRetrying?: boolean; keepOpen?: boolean; verdict?: string } = {},
  ): Promise<Locator> {
    const ref = `${this.namespace}/${pod}`;
    await this.page
      .getByRole('button', { name: this.w('Evict.rowEvict', { ref }), exact: true })
      .click();
    const dialog = this.dialog(pod);
    await expect(dialog).toBeVisible();
    if (opts.verdict !== undefined) {
      await expect(dialog.getByLabel(this.w('Evict.dryRun.verdict'))).toContainText(opts.verdict, {
        timeout: 15_000,
      });
    }
    if (opts.keepRetrying === true) {
      await dialog.getByRole('checkbox', { name: this.w('Evict.form.keepRetrying') }).check();
    }
    await dialog.getByRole('button', { name: this.w('Evict.evict'), exact: true }).click();
    await expect(this.result(dialog)).toContainText(expected, { timeout: 15_000 });
    if (opts.keepOpen !== true) {
      await this.page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }
    return dialog;
  }
}
