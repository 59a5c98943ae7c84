import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Locator, type Page } from '@playwright/test';
import { kubectlEnv } from '../../lib/sim/testing';
import { walkthroughById } from '../../lib/domain/walkthroughs';
import type { Walkthrough } from '../../lib/domain/walkthroughs/types';
import { kubectlFor } from '../support/kubectl';
import { literal } from '../support/regex';
import { wordsOf, type Lang } from '../support/words';
import { EvictInWords } from './evict-words';

/**
 * A learner doing a walkthrough in one language: every control found by the role and name
 * the interface gives it in that language (from the same catalogues and walkthrough texts);
 * it evicts the pods of `learn`.
 */
export class Learner extends EvictInWords {
  readonly walkthrough: Walkthrough;

  constructor(
    page: Page,
    readonly lang: Lang,
    id: string,
    /** The folder kubectl runs in (its HOME and cache). */
    private readonly home: string,
  ) {
    super(page, wordsOf(lang), 'learn');
    const walkthrough = walkthroughById(id);
    if (walkthrough === undefined) throw new Error(`no walkthrough ${id}`);
    this.walkthrough = walkthrough;
  }

  get id(): string {
    return this.walkthrough.id;
  }

  get progress(): Locator {
    return this.page.getByRole('progressbar', { name: this.w('Walkthroughs.progress') });
  }

  /** A step's article on the walkthrough's page, by its title in the learner's language. */
  step(stepId: string): Locator {
    const step = this.walkthrough.steps.find((s) => s.id === stepId);
    if (step === undefined) throw new Error(`no step ${stepId} in ${this.id}`);
    return this.page
      .getByRole('list', { name: this.w('Walkthroughs.steps') })
      .getByRole('article', { name: step.title[this.lang], exact: true });
  }

  /** Opens the list, then the walkthrough, and starts it; waits for its cluster. */
  async start(): Promise<void> {
    const title = this.walkthrough.title[this.lang];
    await this.page.goto('/walkthroughs');
    await this.page.getByRole('link', { name: new RegExp(literal(title)) }).click();
    await expect(this.page.getByRole('heading', { name: title })).toBeVisible();
    // "Start", or "Start again" when it ran before (a finished run asks no confirmation).
    const start = [this.w('Walkthroughs.start'), this.w('Walkthroughs.startAgain')];
    const name = new RegExp(`^(${start.map(literal).join('|')})$`);
    await this.page.getByRole('button', { name }).click();
    await expect(this.page.getByText(this.w('Walkthroughs.running'), { exact: true })).toBeVisible({
      timeout: 30_000,
    });
    await expect(this.page.getByText(`${this.w('Walkthroughs.cluster')}: ${this.id}`)).toBeVisible({
      timeout: 30_000,
    });
  }

  /** Back on the walkthrough's page: waits until `count` steps are done. */
  async expectDone(count: number, timeout = 30_000): Promise<void> {
    if (!this.page.url().endsWith(`/walkthroughs/${this.id}`)) {
      await this.page.goto(`/walkthroughs/${this.id}`);
    }
    await expect(this.progress).toHaveAttribute('aria-valuenow', String(count), { timeout });
  }

  /** Every step ticked; Finish removes the walkthrough's cluster. */
  async finish(): Promise<void> {
    await this.expectDone(this.walkthrough.steps.length);
    await expect(this.page.getByText(this.w('Walkthroughs.allDone'))).toBeVisible();
    await this.page.getByRole('button', { name: this.w('Walkthroughs.finish') }).click();
    await expect(
      this.page.getByText(this.w('Walkthroughs.finished'), { exact: true }),
    ).toBeVisible();
    const clusters = (await (await this.page.request.get('/api/clusters')).json()) as {
      name: string;
    }[];
    expect(clusters.map((c) => c.name)).not.toContain(this.id);
  }

  /** A view of the walkthrough's cluster, namespace `learn`. */
  async open(view: string, params: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams({ namespace: 'learn', ...params }).toString();
    await this.page.goto(`/clusters/${this.id}/${view}?${query}`);
  }

  /** The pods of `learn` named `prefix…` whose rows offer Evict in the Pods view, once `count`. */
  async podsShown(prefix: string, count: number): Promise<string[]> {
    await this.open('pods');
    const { buttons, podOf } = this.rows(prefix);
    await expect(buttons).toHaveCount(count, { timeout: 20_000 });
    const labels = await buttons.evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')));
    return labels.map(podOf);
  }

  /**
   * Waits, as a learner would before evicting, until the pods of `app` are Ready (the real
   * kubectl on the walkthrough's kubeconfig).
   */
  async waitReady(app: string): Promise<void> {
    const run = (await (await this.page.request.get(`/api/walkthroughs/${this.id}`)).json()) as {
      kubeconfigPath: string;
    };
    const wait = ['wait', '--for=condition=Ready', 'pod', '-l', `app=${app}`, '--timeout=25s'];
    await kubectlFor(run.kubeconfigPath, this.home)('-n', 'learn', ...wait);
  }

  /** Runs a step's kubectl line exactly as the page shows it, in a shell; its output. */
  async runShown(stepId: string): Promise<string> {
    const { stdout } = await promisify(execFile)('bash', ['-c', await this.shownLine(stepId)], {
      env: kubectlEnv(this.home),
      timeout: 30_000,
    });
    return stdout;
  }

  /** Starts a step's kubectl line as shown, without waiting for it (`kubectl drain`). */
  async startShown(stepId: string): Promise<ChildProcess> {
    const line = await this.shownLine(stepId);
    const child = spawn('bash', ['-c', line], { env: kubectlEnv(this.home), stdio: 'pipe' });
    return child;
  }

  private async shownLine(stepId: string): Promise<string> {
    if (!this.page.url().endsWith(`/walkthroughs/${this.id}`)) {
      await this.page.goto(`/walkthroughs/${this.id}`);
    }
    const line = (await this.step(stepId).locator('pre > code').textContent()) ?? '';
    expect(line).toMatch(/^kubectl --kubeconfig \S+ /);
    return line;
  }
}
