/**
 * The import panel's state: what the person brought (a file, a drop, pasted text), the check of it, and
 * saving it. The component (app/authoring/ImportPanel.svelte) renders `panel` and calls the methods.
 *
 * Sizes are checked before anything is read or parsed: a file by `File.size`, a text by its length. The
 * check runs through an injected `ImportChecker` (in the app a Web Worker with a time budget, see
 * import-client.ts): a new file, drop or check cancels the one running, and so does `cancel()`. Nothing is
 * stored until `save()`, and a failed save changes nothing.
 */
import type { ImportCheck, ImportContext } from './import.ts';
import type { CheckOutcome, ImportChecker } from './import-client.ts';
import { sizeProblem, textSizeProblem } from './limits.ts';
import { customScenarioIds, saveChecked, type CustomScenarioSummary, type StorageLike } from './store.ts';

/** What the panel shows. */
export type ImportPanelView =
  | { kind: 'idle' }
  | { kind: 'checking'; source: string }
  | { kind: 'checked'; source: string; check: ImportCheck }
  /** The check ran past its budget and was stopped. */
  | { kind: 'tooSlow'; source: string; seconds: number }
  /** The checker failed; `message` says how, in words. */
  | { kind: 'failed'; source: string; message: string }
  | { kind: 'saved'; summary: CustomScenarioSummary; replaced: boolean; renamedFrom?: string };

/** Where saving to, and what to call afterwards. Read at each use (pass getters for props that may change). */
export interface ImportPanelOptions {
  /** Checks a text; in tests, one that runs `checkImport` directly. */
  check: ImportChecker;
  /** Ids a custom scenario may not take. */
  readonly builtInIds: readonly string[];
  /** Where scenarios are kept (default: localStorage). */
  readonly storage?: StorageLike | undefined;
  /** Called after a scenario was saved. */
  readonly onsaved?: ((summary: CustomScenarioSummary) => void) | undefined;
  /** Called after a result was shown (the component moves focus to its heading). */
  readonly onshown?: (() => void) | undefined;
}

/** What to do when the scenario's id is taken: refuse, replace the custom one, or save a copy. */
export type OnClash = 'refuse' | 'replace' | 'copy';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

const refusal = (message: string, where = 'the file'): ImportCheck => ({ ok: false, problems: [{ where, message, path: [] }], warnings: [] });

/** The heading of a checked file: can it be imported, and how. */
export function checkedSentence(source: string, check: ImportCheck): string {
  if (!check.ok) return `${source} cannot be imported: ${plural(check.problems.length, 'problem')}.`;
  const clash = check.clash
    ? ` Its id “${check.clash.id}” is already used by ${check.clash.with === 'built-in' ? 'a built-in scenario' : 'one of your scenarios'}.`
    : '';
  if (check.status === 'draft') return `${source} is valid but not finished (${plural(check.warnings.length, 'warning')}). You can save it as a draft.${clash}`;
  return `${source} is valid and ready to save${check.warnings.length ? ` (${plural(check.warnings.length, 'warning')})` : ''}.${clash}`;
}

/** The heading after a save. */
export function savedSentence(view: Extract<ImportPanelView, { kind: 'saved' }>): string {
  const how = view.summary.status === 'draft' ? 'as a draft' : 'to your scenarios';
  const renamed = view.renamedFrom ? ` as a copy with the id “${view.summary.id}”` : '';
  return `${view.replaced ? 'Replaced' : 'Saved'} “${view.summary.title}”${renamed} ${how}.`;
}

/** The heading (and the status announcement) for any view; empty when idle. */
export function headingOf(view: ImportPanelView): string {
  switch (view.kind) {
    case 'idle':
      return '';
    case 'checking':
      return `Checking ${lowerFirst(view.source)}…`;
    case 'checked':
      return checkedSentence(view.source, view.check);
    case 'tooSlow':
      return `${view.source} could not be checked: the analysis took longer than ${plural(view.seconds, 'second')}.`;
    case 'failed':
      return `${view.source} could not be checked: ${view.message}.`;
    case 'saved':
      return savedSentence(view);
  }
}

/** What a check that took too long usually means, and what to do. */
export const TOO_SLOW_ADVICE =
  'This usually means a loop (scenes whose choices lead back to each other, so the ways to play keep multiplying) or a very large scenario. Give every loop a way on to a final scene, or split the scenario, and import it again. Nothing was saved.';

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export class ImportPanelState {
  /** What is shown. */
  view: ImportPanelView = $state.raw({ kind: 'idle' });
  /** The text in the paste box. */
  pasted = $state('');
  /** A file is being dragged over the drop zone. */
  dragging = $state(false);
  /** Why the last save failed, in words; empty otherwise. */
  saveError = $state('');
  /** The checked scenario's map is open. */
  showMap = $state(false);
  /** The live-region text: each result in one sentence. */
  announcement = $state('');
  /** The heading of the current view. */
  readonly heading = $derived(headingOf(this.view));

  readonly #options: ImportPanelOptions;
  /** Stops the check (or file read) in progress. */
  #controller: AbortController | undefined;

  constructor(options: ImportPanelOptions) {
    this.#options = options;
  }

  /**
   * A file chosen with the picker or dropped. Its size is checked before it is read. Its text takes the
   * paste box's place, so the box never holds older text than the file that was checked.
   */
  async chooseFile(file: File): Promise<void> {
    const source = `The file “${file.name}”`;
    const signal = this.#begin();
    this.pasted = '';
    const tooBig = sizeProblem(file.size);
    if (tooBig) return this.#show({ kind: 'checked', source, check: refusal(tooBig) });
    this.view = { kind: 'checking', source };
    this.announcement = this.heading;
    let text: string;
    try {
      text = await file.text();
    } catch {
      if (signal.aborted) return;
      return this.#show({ kind: 'checked', source, check: refusal('could not be read by the browser') });
    }
    if (signal.aborted) return;
    this.pasted = text;
    return this.#check(source, text, signal);
  }

  /** Something dropped on the drop zone: the first file, or else plain text. */
  drop(data: DataTransfer | null): Promise<void> {
    this.dragging = false;
    const file = data?.files?.[0];
    if (file) return this.chooseFile(file);
    const text = data?.getData('text/plain');
    if (text) {
      if (!textSizeProblem(text)) this.pasted = text;
      return this.checkText('The dropped text', text);
    }
    return Promise.resolve();
  }

  /**
   * Text pasted into the box. Returns false when it must not go in (it is over the size limit: the refusal is
   * shown instead); pasting anything stops the check of the box's old text.
   */
  paste(text: string): boolean {
    if (this.view.kind === 'checking') this.cancel();
    const tooBig = textSizeProblem(text);
    if (!tooBig) return true;
    this.#begin();
    this.#show({ kind: 'checked', source: 'The pasted text', check: refusal(tooBig, 'the text') });
    return false;
  }

  /** The "Check pasted text" button. */
  checkPasted(): Promise<void> {
    if (textSizeProblem(this.pasted) === undefined && !this.pasted.trim()) {
      this.announcement = 'Paste the text of a scenario file first.';
      return Promise.resolve();
    }
    return this.checkText('The pasted text', this.pasted);
  }

  /** Checks a text from `source` ("The pasted text"), after its size. */
  async checkText(source: string, text: string): Promise<void> {
    const signal = this.#begin();
    const tooBig = textSizeProblem(text);
    if (tooBig) return this.#show({ kind: 'checked', source, check: refusal(tooBig, source === 'The pasted text' ? 'the text' : 'the file') });
    return this.#check(source, text, signal);
  }

  /** Stops the check in progress; the panel goes back to its start. */
  cancel(): void {
    if (this.view.kind !== 'checking') return;
    const source = this.view.source;
    this.#controller?.abort();
    this.#controller = undefined;
    this.view = { kind: 'idle' };
    this.announcement = `Stopped checking ${lowerFirst(source)}. Nothing was saved.`;
  }

  /** Saves the checked scenario; `onClash` says what to do if its id is taken. */
  save(onClash: OnClash): void {
    const view = this.view;
    if (view.kind !== 'checked' || !view.check.ok) return;
    const { storage, builtInIds } = this.#options;
    const result = saveChecked(view.check, { storage, builtInIds, asDraft: view.check.status === 'draft', onClash });
    if (!result.ok) {
      this.saveError = result.message;
      this.announcement = result.message;
      return;
    }
    this.#show({ kind: 'saved', summary: result.summary, replaced: result.replaced, ...(result.renamedFrom ? { renamedFrom: result.renamedFrom } : {}) });
    this.#options.onsaved?.(result.summary);
  }

  /** "Import another": back to the start. */
  reset(): void {
    this.#begin();
    this.view = { kind: 'idle' };
    this.pasted = '';
    this.announcement = '';
  }

  /** Stops any check; call when the panel goes away. */
  dispose(): void {
    this.#controller?.abort();
    this.#controller = undefined;
  }

  /** A new piece of work: the previous check, if any, is cancelled. */
  #begin(): AbortSignal {
    this.#controller?.abort();
    this.#controller = new AbortController();
    return this.#controller.signal;
  }

  async #check(source: string, text: string, signal: AbortSignal): Promise<void> {
    this.view = { kind: 'checking', source };
    this.announcement = this.heading;
    const context: ImportContext = { builtInIds: this.#options.builtInIds, customIds: customScenarioIds({ storage: this.#options.storage }) };
    const outcome: CheckOutcome = await this.#options.check(text, context, signal);
    if (signal.aborted || outcome.kind === 'cancelled') return;
    if (outcome.kind === 'checked') return this.#show({ kind: 'checked', source, check: outcome.check });
    if (outcome.kind === 'timedOut') return this.#show({ kind: 'tooSlow', source, seconds: Math.round(outcome.millis / 1000) });
    return this.#show({ kind: 'failed', source, message: outcome.message });
  }

  #show(view: ImportPanelView): void {
    this.view = view;
    this.saveError = '';
    this.showMap = false;
    this.announcement = this.heading;
    this.#options.onshown?.();
  }
}
