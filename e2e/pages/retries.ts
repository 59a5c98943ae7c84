import type { Locator, Page } from '@playwright/test';
import { Shell } from './shell';

/** The pending table's columns, in the order components/retries/pending-table.tsx shows them. */
export const PENDING_COLUMNS = [
  'Pod',
  'Budget',
  "Cluster's message",
  'Attempts',
  'Age',
  'Next attempt',
  'State',
  'Actions',
] as const;
export type PendingColumn = (typeof PENDING_COLUMNS)[number];

/** The finished table's columns, in the order components/retries/finished-table.tsx shows them. */
export const FINISHED_COLUMNS = [
  'Pod',
  'Outcome',
  'Reason',
  'Attempts',
  'Budget',
  'Finished',
] as const;
export type FinishedColumn = (typeof FINISHED_COLUMNS)[number];

/** A stuck item's kind as the Stuck section names it ("Retry shop/web-1", "Node node-1"). */
export type StuckKindLabel = 'Retry' | 'PodDisruptionBudget' | 'Terminating pod' | 'Node';

/**
 * The Retries view: the pending retry entries with their actions, the stuck items with their
 * diagnoses and remedies, and the finished entries. Rows are found by their pod
 * (`namespace/pod`, the row header's link to the pod's page).
 */
export class RetriesPage extends Shell {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the Retries view, optionally scoped to a namespace (`?namespace=`). */
  async openRetries(namespace?: string): Promise<void> {
    const query =
      namespace === undefined ? '' : `?${new URLSearchParams({ namespace }).toString()}`;
    await this.open(`retries${query}`);
  }

  // --- Pending retries -------------------------------------------------------------------

  /** The "Pending retries" section: its table, or its empty state. */
  get pendingSection(): Locator {
    return this.page.getByRole('region', { name: 'Pending retries', exact: true });
  }

  get pendingTable(): Locator {
    return this.page.getByRole('table', { name: 'Pending retries', exact: true });
  }

  /** The empty state shown when nothing waits ("No eviction is waiting to be retried…"). */
  get pendingEmpty(): Locator {
    return this.pendingSection.getByRole('status').filter({
      hasText: 'No eviction is waiting to be retried',
    });
  }

  /** The pending row of a pod. */
  pendingRow(namespace: string, pod: string): Locator {
    return rowOf(this.pendingTable, namespace, pod);
  }

  /** Every pending row (the header row excluded). */
  get pendingRows(): Locator {
    return this.pendingTable.locator('tbody > tr');
  }

  /** A cell of a pod's pending row, by column header. */
  pendingCell(namespace: string, pod: string, column: PendingColumn): Locator {
    return cellOf(this.pendingRow(namespace, pod), PENDING_COLUMNS.indexOf(column));
  }

  /** The link to the pod's page, in its row header. */
  podLink(namespace: string, pod: string): Locator {
    return this.pendingRow(namespace, pod).getByRole('link', {
      name: `${namespace}/${pod}`,
      exact: true,
    });
  }

  /** The cluster's message of the last attempt ("The disruption budget web needs 3 healthy…"). */
  message(namespace: string, pod: string): Locator {
    return this.pendingCell(namespace, pod, "Cluster's message");
  }

  /** The attempts answered so far, as a number. */
  async attempts(namespace: string, pod: string): Promise<number> {
    const text = await this.pendingCell(namespace, pod, 'Attempts').innerText();
    return Number(text.trim());
  }

  /** The budget the entry was blocked by, or "none named". */
  budget(namespace: string, pod: string): Locator {
    return this.pendingCell(namespace, pod, 'Budget');
  }

  /**
   * When the entry is tried next: a countdown ("in 18 s", "overdue 2 s"), "waiting for
   * budget" (its budget allows 0 now; followed by "next try in 18 s" when the timer is set, so
   * compare with `toContainText`), "attempting…" (in flight) or "not scheduled".
   */
  nextAttempt(namespace: string, pod: string): Locator {
    return this.pendingCell(namespace, pod, 'Next attempt');
  }

  /**
   * The countdown's `<time>` (its `datetime` is the next attempt): there whenever the timer is
   * set, also under "waiting for budget"; absent while attempting.
   */
  countdown(namespace: string, pod: string): Locator {
    return this.nextAttempt(namespace, pod).locator('time');
  }

  /** The State cell: "Pending retry", or "Stuck" with the diagnoses and remedies. */
  state(namespace: string, pod: string): Locator {
    return this.pendingCell(namespace, pod, 'State');
  }

  /** The "Stuck" badge of a pod's row (absent when the monitor has nothing on it). */
  stuckBadge(namespace: string, pod: string): Locator {
    return this.state(namespace, pod).getByText('Stuck', { exact: true });
  }

  /** The diagnosis texts of a pod's stuck row, in order (empty when not stuck). */
  async rowDiagnoses(namespace: string, pod: string): Promise<string[]> {
    return listTexts(this.state(namespace, pod).getByRole('list', { name: 'Diagnoses' }));
  }

  /** The remedies of a pod's stuck row, each as "Title: detail". */
  async rowRemedies(namespace: string, pod: string): Promise<string[]> {
    return listTexts(this.state(namespace, pod).getByRole('list', { name: 'Remedies' }));
  }

  /** "Retry now {namespace}/{pod}". */
  retryNowButton(namespace: string, pod: string): Locator {
    return this.page.getByRole('button', { name: `Retry now ${namespace}/${pod}`, exact: true });
  }

  /** "Cancel retry {namespace}/{pod}" (the button reads "Cancel"). */
  cancelButton(namespace: string, pod: string): Locator {
    return this.page.getByRole('button', { name: `Cancel retry ${namespace}/${pod}`, exact: true });
  }

  /** "Delete pod {namespace}/{pod}" (the button reads "Delete pod…"); opens {@link deleteDialog}. */
  deleteButton(namespace: string, pod: string): Locator {
    return this.page.getByRole('button', { name: `Delete pod ${namespace}/${pod}`, exact: true });
  }

  async retryNow(namespace: string, pod: string): Promise<void> {
    await this.retryNowButton(namespace, pod).click();
  }

  /** Cancels the pod's retry: no confirmation is asked (a cancel only stops the retries). */
  async cancel(namespace: string, pod: string): Promise<void> {
    await this.cancelButton(namespace, pod).click();
  }

  /**
   * The result of the last Retry now or Cancel: "Retrying shop/web-1 now", "Cancelled the
   * retry of shop/web-1: …", "Could not cancel shop/web-1: the entry is no longer pending"…
   */
  get actionResult(): Locator {
    return this.page.getByLabel('Retry action result', { exact: true });
  }

  /** The visually hidden polite status that announces entries joining, finishing or sticking. */
  get announcements(): Locator {
    return this.page.getByRole('status', { name: 'Retry queue changes', exact: true });
  }

  // --- Delete pod dialog -----------------------------------------------------------------

  /** The typed-confirmation dialog opened by "Delete pod…", named "Delete pod {ns}/{pod}". */
  deleteDialog(namespace: string, pod: string): Locator {
    return this.page.getByRole('dialog', { name: `Delete pod ${namespace}/${pod}`, exact: true });
  }

  /** Opens the dialog, types the pod's name (or `typed`) and sends the delete. */
  async deletePod(namespace: string, pod: string, typed = pod): Promise<Locator> {
    await this.deleteButton(namespace, pod).click();
    const dialog = this.deleteDialog(namespace, pod);
    await deleteDialog.confirmation(dialog).fill(typed);
    await deleteDialog.submit(dialog).click();
    return dialog;
  }

  // --- Stuck -----------------------------------------------------------------------------

  /** The "Stuck" section: every stuck retry, budget, terminating pod and node. */
  get stuckSection(): Locator {
    return this.page.getByRole('region', { name: 'Stuck', exact: true });
  }

  /** Its empty state, "Nothing is stuck". */
  get nothingStuck(): Locator {
    return this.stuckSection.getByRole('status').filter({ hasText: 'Nothing is stuck' });
  }

  /** Every stuck item. */
  get stuckItems(): Locator {
    return this.stuckSection.getByRole('list', { name: 'Stuck items' }).getByRole('article');
  }

  /**
   * One stuck item, named by kind and object: `stuckItem('Retry', 'shop/web-1')`,
   * `stuckItem('Node', 'node-1')`, `stuckItem('PodDisruptionBudget', 'shop/web')`.
   */
  stuckItem(kind: StuckKindLabel, object: string): Locator {
    return this.stuckSection.getByRole('article', { name: `${kind} ${object}`, exact: true });
  }

  /** The one-line title of a stuck item ("Eviction of shop/web-1 pending for 12 min"). */
  stuckTitle(kind: StuckKindLabel, object: string): Locator {
    return this.stuckItem(kind, object).getByRole('heading');
  }

  async stuckDiagnoses(kind: StuckKindLabel, object: string): Promise<string[]> {
    return listTexts(this.stuckItem(kind, object).getByRole('list', { name: 'Diagnoses' }));
  }

  /** The remedies of a stuck item, each as "Title: detail". */
  async stuckRemedies(kind: StuckKindLabel, object: string): Promise<string[]> {
    return listTexts(this.stuckItem(kind, object).getByRole('list', { name: 'Remedies' }));
  }

  // --- Finished --------------------------------------------------------------------------

  get finishedSection(): Locator {
    return this.page.getByRole('region', { name: 'Finished', exact: true });
  }

  get finishedTable(): Locator {
    return this.page.getByRole('table', { name: 'Finished retries', exact: true });
  }

  /** The finished rows of a pod, newest first (a pod may have finished more than once). */
  finishedRow(namespace: string, pod: string): Locator {
    return rowOf(this.finishedTable, namespace, pod);
  }

  /** A cell of a pod's newest finished row, by column header. */
  finishedCell(namespace: string, pod: string, column: FinishedColumn): Locator {
    return cellOf(this.finishedRow(namespace, pod).first(), FINISHED_COLUMNS.indexOf(column));
  }

  /**
   * The Outcome cell (Evicted, Gone, Replaced, Cancelled, Failed or Expired, after an icon):
   * use {@link outcomeWord} or `toHaveAccessibleName`/`toContainText` to compare.
   */
  outcome(namespace: string, pod: string): Locator {
    return this.finishedCell(namespace, pod, 'Outcome');
  }

  /** Why it ended ("the deadline passed", …), else the last answer in words. */
  reason(namespace: string, pod: string): Locator {
    return this.finishedCell(namespace, pod, 'Reason');
  }

  /** The outcome word of a pod's newest finished row, without its icon ("Cancelled"). */
  async outcomeWord(namespace: string, pod: string): Promise<string> {
    return spokenText(this.outcome(namespace, pod));
  }

  /** The state badge of a pod's pending row as read out: "Pending retry" (" · budget status stale"), "Stuck". */
  async stateWord(namespace: string, pod: string): Promise<string> {
    return spokenText(this.state(namespace, pod).locator('span').first());
  }

  /** The last action's result as read out, without its icon. */
  async actionResultText(): Promise<string> {
    return spokenText(this.actionResult);
  }

  // --- On the Overview --------------------------------------------------------------------

  /** The Overview's "Retries and stuck" card (open the Overview first). */
  get overviewGlance(): Locator {
    return this.page.getByRole('region', { name: 'Retries and stuck', exact: true });
  }

  /** A count of that card, "Pending retries" or "Stuck" (0 is shown as 0). */
  async overviewCount(label: 'Pending retries' | 'Stuck'): Promise<number> {
    const term = this.overviewGlance.getByRole('term').filter({ hasText: label });
    const value = await spokenText(term.locator('xpath=following-sibling::dd[1]'));
    return Number(value.replace(/[^\d]/g, ''));
  }

  /** The card's link to this view: "See what is stuck and why in Retries", or "Open Retries". */
  get overviewLink(): Locator {
    return this.overviewGlance.getByRole('link', {
      name: /^(See what is stuck and why in Retries|Open Retries)$/,
    });
  }

  /** The column headers of a table, to check that a spec reads the columns it thinks. */
  async headers(table: Locator): Promise<string[]> {
    return (await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
  }
}

/** The parts of the Delete pod dialog (components/evict/delete-pod.tsx inside a dialog). */
export const deleteDialog = {
  confirmation: (dialog: Locator) =>
    dialog.getByRole('textbox', { name: 'Type the pod name to delete it' }),
  submit: (dialog: Locator) => dialog.getByRole('button', { name: 'Delete pod', exact: true }),
  result: (dialog: Locator) => dialog.getByLabel('Delete result'),
  close: (dialog: Locator) => dialog.getByRole('button', { name: 'Close' }),
};

/** The row of a table whose header links to `namespace/pod`. */
function rowOf(table: Locator, namespace: string, pod: string): Locator {
  const header = table.page().getByRole('rowheader', { name: `${namespace}/${pod}`, exact: true });
  return table.getByRole('row').filter({ has: header });
}

/** A row's cell by column index, the row header (column 0) counted. */
function cellOf(row: Locator, index: number): Locator {
  return row.locator(':scope > th, :scope > td').nth(index);
}

/**
 * An element's text as a screen reader gets it: without the decorative icons (aria-hidden),
 * whitespace collapsed. The raw innerText of a badge is "○Cancelled"; this is "Cancelled".
 */
export async function spokenText(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    const copy = element.cloneNode(true) as Element;
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

async function listTexts(list: Locator): Promise<string[]> {
  if ((await list.count()) === 0) return [];
  return (await list.getByRole('listitem').allInnerTexts()).map((t) => t.trim());
}
