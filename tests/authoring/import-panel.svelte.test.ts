// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import ImportPanel from '../../src/app/authoring/ImportPanel.svelte';
import { checkImport } from '../../src/lib/authoring/import.ts';
import type { ImportChecker } from '../../src/lib/authoring/import-client.ts';
import { IMPORT_LIMITS } from '../../src/lib/authoring/limits.ts';
import { CUSTOM_KEY_PREFIX, saveCustomScenario } from '../../src/lib/authoring/store.ts';
import { axeViolations } from '../support/axe.ts';
import { fakeText, lineOf, MemoryStorage } from './support.ts';

/** jsdom has no Worker: the check runs on the test's thread, as the pure function. */
const checkHere: ImportChecker = async (text, context) => ({ kind: 'checked', check: checkImport(text, context) });

function renderPanel(props: { builtInIds?: string[]; storage?: MemoryStorage; check?: ImportChecker } = {}) {
  const storage = props.storage ?? new MemoryStorage();
  const onsaved = vi.fn();
  const user = userEvent.setup();
  const view = render(ImportPanel, { storage, builtInIds: props.builtInIds ?? ['phone-screen'], onsaved, check: props.check ?? checkHere });
  return { ...view, storage, onsaved, user };
}

async function paste(user: ReturnType<typeof userEvent.setup>, text: string) {
  const box = screen.getByLabelText("Or paste the file's text");
  await user.clear(box);
  // Typing would interpret braces as key names; pasting puts the text in as it is.
  box.focus();
  await user.paste(text);
  await user.click(screen.getByRole('button', { name: 'Check pasted text' }));
}

describe('<ImportPanel>', () => {
  it('states the limits', () => {
    renderPanel();
    expect(screen.getByText(/JSON files up to 400 KB and 200 scenes\./)).toBeInTheDocument();
  });

  it('lists the problems of a broken file with place and line, and saves nothing', async () => {
    const { user, storage } = renderPanel();
    const text = fakeText((d) => (d.machine.states.start.on['choice.late'].target = 'anwser'));
    await paste(user, text);
    const line = lineOf(text, '"target": "anwser"');
    const column = text.split('\n')[line - 1]!.indexOf('"target"') + 1;
    const heading = screen.getByRole('heading', { name: 'The pasted text cannot be imported: 1 problem.' });
    expect(heading).toHaveFocus();
    const problems = screen.getByRole('list', { name: 'Problems' });
    expect(problems).toHaveTextContent(
      `scene "start" → choice "choice.late" → target (line ${line}, column ${column}): there is no scene called "anwser" (did you mean "answer"?)`,
    );
    expect(screen.getByRole('status')).toHaveTextContent('The pasted text cannot be imported: 1 problem.');
    expect(screen.queryByRole('button', { name: /Save/ })).not.toBeInTheDocument();
    expect(storage.length).toBe(0);
  });

  it('says a JSON syntax error in words, with its line', async () => {
    const { user } = renderPanel();
    await paste(user, '{\n  "format": 1,\n}');
    expect(screen.getByRole('list', { name: 'Problems' })).toHaveTextContent(
      'the file (line 3, column 1): is not valid JSON: a comma before } is not allowed in JSON; remove the last comma.',
    );
  });

  it('asks for text before checking an empty box', async () => {
    const { user } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Check pasted text' }));
    expect(screen.getByRole('status')).toHaveTextContent('Paste the text of a scenario file first.');
  });

  it('saves a valid file chosen with the file picker, and reports it', async () => {
    const { user, storage, onsaved } = renderPanel();
    const file = new File([fakeText()], 'late-call.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Choose a scenario file, or drop one here'), file);
    await screen.findByRole('heading', { name: 'The file “late-call.json” is valid and ready to save.' });
    expect(screen.getByText('A short call')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save to my scenarios' }));
    expect(screen.getByRole('heading', { name: 'Saved “A short call” to your scenarios.' })).toHaveFocus();
    expect(onsaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'fake-call', custom: true, status: 'ready' }));
    expect(storage.getItem(`${CUSTOM_KEY_PREFIX}fake-call`)).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Import another' }));
    expect(screen.queryByRole('heading', { name: /Saved/ })).not.toBeInTheDocument();
  });

  it('puts a chosen file in place of the old pasted text, and checks the file, not that text', async () => {
    const { user } = renderPanel();
    const box = screen.getByLabelText<HTMLTextAreaElement>("Or paste the file's text");
    box.focus();
    await user.paste('{ "old": "pasted text" }');
    const text = fakeText((d) => (d.title = 'The file’s own call'));
    await user.upload(screen.getByLabelText('Choose a scenario file, or drop one here'), new File([text], 'own.json'));
    await screen.findByRole('heading', { name: 'The file “own.json” is valid and ready to save.' });
    expect(screen.getByText('The file’s own call')).toBeInTheDocument();
    expect(box.value).toBe(text);
    await user.click(screen.getByRole('button', { name: 'Check pasted text' }));
    expect(await screen.findByRole('heading', { name: 'The pasted text is valid and ready to save.' })).toBeInTheDocument();
    expect(screen.getByText('The file’s own call')).toBeInTheDocument();
  });

  it('takes a file dropped on it', async () => {
    renderPanel();
    const file = new File([fakeText()], 'dropped.json', { type: 'application/json' });
    const zone = screen.getByRole('group', { name: 'Scenario file' });
    await fireEvent.dragOver(zone);
    await fireEvent.drop(zone, { dataTransfer: { files: [file], getData: () => '' } });
    expect(await screen.findByRole('heading', { name: 'The file “dropped.json” is valid and ready to save.' })).toBeInTheDocument();
  });

  it('refuses a file over the size limit', async () => {
    const { user } = renderPanel();
    const file = new File(['x'.repeat(IMPORT_LIMITS.maxBytes + 1)], 'huge.json');
    await user.upload(screen.getByLabelText('Choose a scenario file, or drop one here'), file);
    await screen.findByRole('heading', { name: 'The file “huge.json” cannot be imported: 1 problem.' });
    expect(screen.getByRole('list', { name: 'Problems' })).toHaveTextContent('the file: is 400 KB; the largest file that can be imported is 400 KB');
  });

  it('offers an unfinished scenario as a draft, with the reasons', async () => {
    const { user, onsaved } = renderPanel();
    await paste(user, readFileSync('tests/fixtures/incomplete.json', 'utf8'));
    expect(screen.getByRole('heading', { name: /is valid but not finished \(1 warning\)\. You can save it as a draft\./ })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Warnings' })).toHaveTextContent("from the candidate's seat, no path ends in candidateDeclines");
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    expect(screen.getByRole('heading', { name: 'Saved “A short call” as a draft.' })).toBeInTheDocument();
    expect(onsaved).toHaveBeenCalledWith(expect.objectContaining({ status: 'draft' }));
  });

  it('never replaces a built-in scenario, but offers a copy', async () => {
    const { user, storage } = renderPanel({ builtInIds: ['fake-call'] });
    await paste(user, fakeText());
    expect(screen.getByText('Built-in scenarios cannot be replaced. You can keep this one as a copy with the id “fake-call-2”.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Replace/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save as a copy' }));
    expect(screen.getByRole('heading', { name: 'Saved “A short call” as a copy with the id “fake-call-2” to your scenarios.' })).toBeInTheDocument();
    expect([...storage.map.keys()]).toEqual([`${CUSTOM_KEY_PREFIX}fake-call-2`]);
  });

  it('replaces a custom scenario of the same id only when asked', async () => {
    const storage = new MemoryStorage();
    await saveCustomScenario(fakeText(), { storage, builtInIds: [] });
    const { user } = renderPanel({ storage });
    await paste(
      user,
      fakeText((d) => (d.title = 'A short call, revised')),
    );
    expect(screen.getByText('You already have a scenario with the id “fake-call”.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save as a copy (“fake-call-2”)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Replace it' }));
    expect(screen.getByRole('heading', { name: 'Replaced “A short call, revised” to your scenarios.' })).toBeInTheDocument();
    expect(JSON.parse(storage.getItem(`${CUSTOM_KEY_PREFIX}fake-call`)!).summary.title).toBe('A short call, revised');
  });

  it('says so when the browser will not store it, and changes nothing', async () => {
    const { user, storage } = renderPanel();
    storage.failWrites = true;
    await paste(user, fakeText());
    await user.click(screen.getByRole('button', { name: 'Save to my scenarios' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The browser would not store the scenario (its storage is full). Nothing was changed.');
    expect(storage.length).toBe(0);
  });

  it('shows the map of a checked scenario on request', async () => {
    const { user } = renderPanel();
    await paste(user, fakeText());
    const toggle = screen.getByRole('button', { name: 'Show the map' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(screen.getByRole('heading', { name: 'Map of “A short call”' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hide the map' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('says it is checking, and Cancel stops the check and saves nothing', async () => {
    const signals: AbortSignal[] = [];
    const check: ImportChecker = (_text, _context, signal) =>
      new Promise((resolve) => {
        signals.push(signal!);
        signal!.addEventListener('abort', () => resolve({ kind: 'cancelled' }));
      });
    const { user, storage } = renderPanel({ check });
    await paste(user, fakeText());
    expect(screen.getByRole('status')).toHaveTextContent('Checking the pasted text…');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(signals[0]!.aborted).toBe(true);
    expect(screen.getByRole('status')).toHaveTextContent('Stopped checking the pasted text. Nothing was saved.');
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /The pasted text/ })).not.toBeInTheDocument();
    expect(storage.length).toBe(0);
  });

  it('a new file cancels the check of the one before', async () => {
    const signals: AbortSignal[] = [];
    const check: ImportChecker = (text, context, signal) => {
      signals.push(signal!);
      return signals.length === 1 ? new Promise(() => {}) : checkHere(text, context, signal);
    };
    const { user } = renderPanel({ check });
    const input = screen.getByLabelText('Choose a scenario file, or drop one here');
    await user.upload(input, new File([fakeText()], 'first.json'));
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Checking the file “first.json”…'));
    await user.upload(input, new File([fakeText()], 'second.json'));
    expect(await screen.findByRole('heading', { name: 'The file “second.json” is valid and ready to save.' })).toHaveFocus();
    expect(signals[0]!.aborted).toBe(true);
  });

  it('says in words when the analysis took too long, and what that usually means', async () => {
    const { user } = renderPanel({ check: async () => ({ kind: 'timedOut', millis: 5_000 }) });
    await paste(user, fakeText());
    expect(screen.getByRole('heading', { name: 'The pasted text could not be checked: the analysis took longer than 5 seconds.' })).toHaveFocus();
    expect(screen.getByText(/This usually means a loop .* or a very large scenario\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Save/ })).not.toBeInTheDocument();
  });

  it('says in words when the checker failed', async () => {
    const { user } = renderPanel({ check: async () => ({ kind: 'failed', message: 'the browser could not run the checker' }) });
    await paste(user, fakeText());
    expect(screen.getByRole('heading', { name: 'The pasted text could not be checked: the browser could not run the checker.' })).toBeInTheDocument();
  });

  it('refuses a 10 MB paste at once: the text is not put in the box nor checked', async () => {
    const check = vi.fn(checkHere);
    renderPanel({ check });
    const box = screen.getByLabelText("Or paste the file's text");
    const big = 'x'.repeat(10 * 1024 * 1024);
    await fireEvent.paste(box, { clipboardData: { getData: () => big } });
    expect(screen.getByRole('heading', { name: 'The pasted text cannot be imported: 1 problem.' })).toHaveFocus();
    expect(screen.getByRole('list', { name: 'Problems' })).toHaveTextContent('the text: is at least 10.0 MB; the largest file that can be imported is 400 KB');
    expect(box).toHaveValue('');
    expect(check).not.toHaveBeenCalled();
  });

  it('refuses pasted text over the limit before checking it', async () => {
    const check = vi.fn(checkHere);
    const { user } = renderPanel({ check });
    const box = screen.getByLabelText("Or paste the file's text");
    await fireEvent.input(box, { target: { value: 'é'.repeat(IMPORT_LIMITS.maxBytes / 2 + 1) } });
    await user.click(screen.getByRole('button', { name: 'Check pasted text' }));
    expect(screen.getByRole('list', { name: 'Problems' })).toHaveTextContent('the text: is 400 KB; the largest file that can be imported is 400 KB');
    expect(check).not.toHaveBeenCalled();
  });

  it('is accessible, before and after a check', async () => {
    const { container, user } = renderPanel();
    expect(await axeViolations(container)).toEqual([]);
    await paste(
      user,
      fakeText((d) => (d.machine.initial = 'nowhere')),
    );
    expect(await axeViolations(container)).toEqual([]);
    await paste(user, readFileSync('tests/fixtures/incomplete.json', 'utf8'));
    await user.click(screen.getByRole('button', { name: 'Show the map' }));
    expect(await axeViolations(container)).toEqual([]);
    within(container).getByRole('heading', { name: /Map of/ });
  }, 20_000);

  it('is accessible while checking and after a check that took too long', async () => {
    let finish: (outcome: Awaited<ReturnType<ImportChecker>>) => void = () => {};
    const { container, user } = renderPanel({ check: () => new Promise((resolve) => (finish = resolve)) });
    await paste(user, fakeText());
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    finish({ kind: 'timedOut', millis: 5_000 });
    await screen.findByRole('heading', { name: /took longer than 5 seconds/ });
    expect(await axeViolations(container)).toEqual([]);
  }, 20_000);
});
