/**
 * The editor's state: the scenario's edit history (undo and redo), the scene in view, the live check
 * (the importer's checker, in its worker, a moment after the last keystroke), and autosave of the draft.
 * Components read it and call its methods; the edits themselves are the pure functions of
 * lib/authoring/editor/.
 */
import { exportCanonical } from '../../lib/authoring/editor/canonical.ts';
import { writeDraft } from '../../lib/authoring/editor/drafts.ts';
import { setIn, type Path } from '../../lib/authoring/editor/edit.ts';
import { record, redo, redoLabel, startHistory, undo, undoLabel, type History } from '../../lib/authoring/editor/history.ts';
import type { CheckOutcome, ImportChecker } from '../../lib/authoring/import-client.ts';
import type { ImportProblem } from '../../lib/authoring/import.ts';
import type { KeyValueStorage } from '../../lib/persistence/storage.ts';
import type { Scenario } from '../../lib/engine/schema.ts';

export interface EditorOptions {
  scenario: Scenario;
  /** Checks a file's text (the app's worker; tests pass one that runs on their thread). */
  check: ImportChecker;
  /** Where drafts are kept (default: this browser's storage). */
  storage?: KeyValueStorage;
  /** Milliseconds after the last edit before the check runs and the draft is saved (default 400). */
  delay?: number;
}

/** The problems and warnings that concern one scene (their path starts `machine → states → <scene>`). */
export function findingsOf(findings: readonly ImportProblem[], scene: string): ImportProblem[] {
  return findings.filter((f) => f.path[0] === 'machine' && f.path[1] === 'states' && f.path[2] === scene);
}

export class EditorState {
  history = $state.raw<History<Scenario>>(startHistory({} as Scenario));
  /** The scene shown in the form and selected in the outline and on the canvas. */
  selected = $state('');
  /** The latest finished check of the current text, or undefined before the first. */
  outcome = $state.raw<CheckOutcome>();
  /** Whether a check is waiting or running. */
  checking = $state(false);
  /** The last thing that happened, in words, for the live region. */
  message = $state('');
  /** Why the draft could not be saved, if it could not. */
  saveProblem = $state<string>();

  readonly #check: ImportChecker;
  readonly #storage: KeyValueStorage | undefined;
  readonly #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  /** The id the draft is kept under (the scenario's id when the editor opened). */
  readonly draftId: string;

  constructor(options: EditorOptions) {
    this.#check = options.check;
    this.#storage = options.storage;
    this.#delay = options.delay ?? 400;
    this.history = startHistory(options.scenario, 'Open');
    this.draftId = options.scenario.id;
    this.selected = options.scenario.machine?.initial ?? '';
    this.#schedule(0);
  }

  /** The scenario as it is now. */
  get scenario(): Scenario {
    return this.history.present.value;
  }
  get canUndo() {
    return undoLabel(this.history);
  }
  get canRedo() {
    return redoLabel(this.history);
  }
  /** The file the editor exports now. */
  get file() {
    return exportCanonical(this.scenario);
  }
  /** Problems that stop the scenario from being valid, and findings (errors first, then warnings). */
  get findings(): { problems: ImportProblem[]; warnings: ImportProblem[] } {
    const outcome = this.outcome;
    if (outcome?.kind !== 'checked') return { problems: [], warnings: [] };
    return outcome.check.ok ? { problems: [], warnings: outcome.check.warnings } : { problems: outcome.check.problems, warnings: outcome.check.warnings };
  }

  /** Replace the whole scenario (one undoable edit). */
  replace(next: Scenario, label: string, group?: string): void {
    const before = this.history;
    this.history = record(this.history, next, label, group);
    if (this.history !== before) this.#changed();
  }

  /** Set one field. Edits of one field in a row merge into one undo step. */
  set(path: Path, value: unknown, label: string): void {
    this.replace(setIn(this.scenario, path, value), label, `${label}:${path.join('/')}`);
  }

  /** Start a new undo step for the next typing (e.g. when a field loses focus). */
  seal(): void {
    if (this.history.group !== undefined) this.history = { ...this.history, group: undefined };
  }

  undo(): void {
    const label = undoLabel(this.history);
    if (!label) return;
    this.history = undo(this.history);
    this.message = `Undone: ${label}.`;
    this.#keepSelection();
    this.#changed();
  }

  redo(): void {
    const label = redoLabel(this.history);
    if (!label) return;
    this.history = redo(this.history);
    this.message = `Redone: ${label}.`;
    this.#keepSelection();
    this.#changed();
  }

  select(scene: string): void {
    this.selected = scene;
  }

  /** Stop the pending check and the timer (the screen is going). */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  /** Check and save now (tests, and before leaving). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#run();
  }

  #keepSelection(): void {
    const states = this.scenario.machine?.states ?? {};
    if (!(this.selected in states)) this.selected = this.scenario.machine?.initial ?? Object.keys(states)[0] ?? '';
  }

  #changed(): void {
    this.#keepSelection();
    this.#schedule(this.#delay);
  }

  #schedule(delay: number): void {
    this.checking = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), delay);
  }

  async #run(): Promise<void> {
    const scenario = this.scenario;
    this.saveProblem = writeDraft(this.draftId, scenario, this.#storage);
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.checking = true;
    const outcome = await this.#check(exportCanonical(scenario).text, {}, abort.signal);
    if (outcome.kind === 'cancelled' || abort.signal.aborted) return;
    this.outcome = outcome;
    this.checking = false;
  }
}
