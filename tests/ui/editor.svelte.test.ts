// @vitest-environment jsdom
/**
 * The scenario editor's forms and undo/redo, on the template scenario, with the checker on the test's
 * thread (run by `flush`, not the clock) and drafts in memory.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import EditorScreen from '../../src/app/editor/EditorScreen.svelte';
import { EditorState } from '../../src/app/editor/editor.svelte.ts';
import { templateScenario } from '../../src/lib/authoring/editor/template.ts';
import { inThreadChecker, type ImportChecker } from '../../src/lib/authoring/import-client.ts';
import { memoryStorage } from '../../src/lib/persistence/storage.ts';
import { axeViolations } from '../support/axe.ts';

function renderEditor() {
  const storage = memoryStorage();
  const scenario = templateScenario({ employer: { name: 'Ada Jones', role: 'CTO' }, candidate: { name: 'Kim Lee', role: 'Developer' } }, 'kim');
  const editor = new EditorState({ scenario, check: inThreadChecker, storage, delay: 60_000 });
  const download = vi.fn();
  render(EditorScreen, { editor, builtInIds: [], download });
  return { editor, storage, download };
}

describe('<EditorScreen>', () => {
  it('lists the scenes, shows the live check, and edits a choice with undo and redo', async () => {
    const user = userEvent.setup();
    const { editor, storage } = renderEditor();
    const outline = screen.getByRole('navigation', { name: 'Scenes' });
    expect(
      within(outline)
        .getAllByRole('button', { name: /ending|decides|continues/ })
        .map((b) => b.dataset.scene),
    ).toEqual(['arrive', 'welcome', 'question', 'answer', 'end']);
    await editor.flush();
    expect(screen.getByText('Valid and complete: every seat reaches all four outcomes.')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'The four outcomes from each seat' })).toHaveTextContent('reachable');

    // Keyboard in the outline: Down moves to the next scene and shows its form.
    within(outline)
      .getByRole('button', { name: /^arrive/ })
      .focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('heading', { name: 'Scene “welcome”' })).toBeInTheDocument();
    expect(within(outline).getByRole('button', { name: /^welcome/ })).toHaveAttribute('aria-current', 'true');

    const labels = screen.getAllByRole('textbox', { name: 'Label (what the deciding side says or does)' });
    await user.clear(labels[0]!);
    await user.type(labels[0]!, 'Welcome them');
    expect(editor.scenario.machine.states.welcome!.on!['choice.warm']).toMatchObject({ meta: { label: 'Welcome them' } });
    // One undo step for the whole typing.
    await user.click(screen.getByRole('button', { name: 'Undo: Edit a label' }));
    expect(editor.scenario.machine.states.welcome!.on!['choice.warm']).toMatchObject({ meta: { label: 'Offer a drink and explain the plan for the hour' } });
    await user.click(screen.getByRole('button', { name: 'Redo: Edit a label' }));
    expect(screen.getAllByRole('textbox', { name: 'Label (what the deciding side says or does)' })[0]).toHaveValue('Welcome them');

    // Effects from drop-downs, undone with Ctrl+Z.
    await user.selectOptions(screen.getAllByRole('combobox', { name: 'Dimension' })[0]!, 'Communication');
    expect(editor.scenario.machine.states.welcome!.on!['choice.warm']).toMatchObject({ actions: [{ params: { dimension: 'communication' } }] });
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(editor.scenario.machine.states.welcome!.on!['choice.warm']).toMatchObject({ actions: [{ params: { dimension: 'courtesy' } }] });

    // The draft is saved as it changes.
    await editor.flush();
    expect(storage.getItem('osotd:v1:editor-draft:kim')).toContain('Welcome them');
  });

  it('adds a scene from the outline, shows its problems on it, and deletes it with undo', async () => {
    const user = userEvent.setup();
    const { editor } = renderEditor();
    await user.type(screen.getByRole('textbox', { name: 'New scene name' }), 'detour{Enter}');
    expect(screen.getByRole('heading', { name: 'Scene “detour”' })).toBeInTheDocument();
    await editor.flush();
    const outline = screen.getByRole('navigation', { name: 'Scenes' });
    expect(within(outline).getByRole('button', { name: /^detour/ })).toHaveAccessibleName(/problem/);
    expect(screen.getByRole('list', { name: 'Problems in this scene' })).toHaveTextContent('detour');
    await user.click(screen.getByRole('button', { name: 'Delete scene “detour”' }));
    expect(Object.keys(editor.scenario.machine.states)).not.toContain('detour');
    await user.click(screen.getByRole('button', { name: 'Undo: Delete a scene' }));
    expect(Object.keys(editor.scenario.machine.states)).toContain('detour');
  });

  it('exports the file in the editor’s stable form, and is accessible', async () => {
    const user = userEvent.setup();
    const { download } = renderEditor();
    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(download.mock.calls[0]![0]).toMatchObject({ filename: 'kim.json' });
    expect(download.mock.calls[0]![0].text).toMatch(/^\{\n {2}"format": 3,\n {2}"id": "kim",/);
    expect(await axeViolations(document.body)).toEqual([]);
  });
});

describe('the editor’s report on a partial search', () => {
  async function reportWith(maxStates?: number) {
    const scenario = templateScenario({ employer: { name: 'Ada Jones', role: 'CTO' }, candidate: { name: 'Kim Lee', role: 'Developer' } }, 'kim');
    const { checkScenarioText } = await import('../../src/lib/authoring/check.ts');
    // The import check (`checkImport`), with the search bounded as the test says.
    const check: ImportChecker = async (text) => {
      const result = checkScenarioText(text, maxStates ? { maxStates } : {});
      if (!result.ok) return { kind: 'checked', check: result };
      const { scenario, analysis, errors, warnings, suggestions, gameability } = result;
      const status = errors.length === 0 && analysis.complete ? 'ready' : 'draft';
      return {
        kind: 'checked',
        check: { ok: true, status, scenario, analysis, warnings: [...errors, ...warnings], suggestions, ...(gameability ? { gameability } : {}) },
      };
    };
    const editor = new EditorState({ scenario, check, storage: memoryStorage(), delay: 60_000 });
    render(EditorScreen, { editor, builtInIds: [], download: vi.fn() });
    await editor.flush();
    return screen.getByRole('heading', { name: 'Can it be won without reading?' }).nextElementSibling as HTMLElement;
  }

  it('gives the counts as an upper bound and random play as sampled', async () => {
    const list = await reportWith(3);
    expect(list).toHaveTextContent(/The longest label is the best option in at most \d+ of \d+ decisions \(the search was partial/);
    expect(list).toHaveTextContent(/As the employer, random play ends well about \d+% of the time \(sampled, as the search was partial\)\./);
  });

  it('gives them plainly when the search finished', async () => {
    const list = await reportWith();
    expect(list).not.toHaveTextContent(/at most|partial|about/);
    expect(list).toHaveTextContent(/As the employer, random play ends well \d+% of the time\./);
  });
});
