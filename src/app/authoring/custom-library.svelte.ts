/**
 * Runes state over the custom-scenario store, for the library screen: the list, notices about saved data
 * that could not be read, removal with undo, and files to export. First-load safe (no full zod).
 */
import { customScenarioFile, listCustomScenarios, removeCustomScenario, type CustomScenarioSummary, type StorageLike } from '../../lib/authoring/store.ts';
import type { ExportedFile } from '../../lib/authoring/export.ts';

export class CustomLibrary {
  /** The custom scenarios, sorted by title. */
  scenarios = $state.raw<CustomScenarioSummary[]>([]);
  /** Things to tell the person about their saved scenarios (e.g. an entry set aside). */
  notices = $state.raw<string[]>([]);
  /** The last removal, while it can still be undone. */
  removed = $state.raw<{ id: string; title: string; undo: () => boolean } | null>(null);
  /** The latest change in words, for a live region. */
  message = $state('');
  readonly #storage: StorageLike | undefined;

  constructor(storage?: StorageLike) {
    this.#storage = storage;
    this.refresh();
  }

  /** Read the store again (after an import, or another tab's change). */
  refresh(): void {
    const listing = listCustomScenarios({ storage: this.#storage });
    this.scenarios = listing.scenarios;
    if (listing.notices.length) this.notices = [...this.notices, ...listing.notices];
  }

  remove(id: string): void {
    const title = this.scenarios.find((s) => s.id === id)?.title ?? id;
    const removal = removeCustomScenario(id, { storage: this.#storage });
    this.removed = removal.removed ? { id, title, undo: removal.undo } : null;
    this.message = removal.removed ? `Removed “${title}”.` : `“${title}” was already gone.`;
    this.refresh();
  }

  undoRemove(): void {
    const removed = this.removed;
    if (!removed) return;
    this.message = removed.undo() ? `Restored “${removed.title}”.` : `“${removed.title}” could not be restored: a scenario with its id was saved since.`;
    this.removed = null;
    this.refresh();
  }

  /** The scenario as a file, or undefined (with a notice) when it cannot be read. */
  file(id: string): ExportedFile | undefined {
    const file = customScenarioFile(id, { storage: this.#storage });
    if (!file) {
      this.message = `“${id}” could not be exported.`;
      this.refresh();
    }
    return file;
  }

  dismissNotices(): void {
    this.notices = [];
  }
}
