// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import CustomScenarioList from '../../src/app/authoring/CustomScenarioList.svelte';
import ExportButton from '../../src/app/authoring/ExportButton.svelte';
import { CustomLibrary } from '../../src/app/authoring/custom-library.svelte.ts';
import { exportScenario } from '../../src/lib/authoring/export.ts';
import { CUSTOM_KEY_PREFIX, saveCustomScenario } from '../../src/lib/authoring/store.ts';
import { axeViolations } from '../support/axe.ts';
import { fake, fakeText, MemoryStorage } from './support.ts';

async function storageWith(...texts: { text: string; asDraft?: boolean }[]) {
  const storage = new MemoryStorage();
  for (const { text, asDraft } of texts) {
    const result = await saveCustomScenario(text, { storage, builtInIds: [], asDraft });
    if (!result.ok) throw new Error(result.message);
  }
  return storage;
}

async function renderList(storage: MemoryStorage, extra: { onmap?: (id: string) => void; onimport?: () => void } = {}) {
  const library = new CustomLibrary(storage);
  const onplay = vi.fn();
  const download = vi.fn();
  const view = render(CustomScenarioList, { library, onplay, download, ...extra });
  return { ...view, library, onplay, download, user: userEvent.setup() };
}

const card = (title: string) => screen.getByRole('heading', { name: title }).closest('li')!;

describe('<CustomScenarioList>', () => {
  it('marks each scenario as custom, and drafts as drafts with their reasons', async () => {
    const storage = await storageWith(
      { text: fakeText() },
      {
        text: readFileSync('tests/fixtures/incomplete.json', 'utf8').replace('"fake-call"', '"rough-call"').replace('"A short call"', '"A rough call"'),
        asDraft: true,
      },
    );
    await renderList(storage);
    expect(within(card('A short call')).getByText('Custom')).toBeInTheDocument();
    expect(within(card('A short call')).queryByText('Draft')).not.toBeInTheDocument();
    expect(within(card('A rough call')).getByText('Draft')).toBeInTheDocument();
    expect(within(card('A rough call')).getByText('Why it is a draft')).toBeInTheDocument();
    expect(within(card('A rough call')).getByText(/no path ends in candidateDeclines/)).toBeInTheDocument();
  });

  it('plays a scenario from any seat it lists', async () => {
    const { user, onplay } = await renderList(await storageWith({ text: fakeText() }));
    await user.click(screen.getByRole('button', { name: 'Play as the candidate' }));
    expect(onplay).toHaveBeenCalledWith('fake-call', 'candidate');
    await user.click(screen.getByRole('button', { name: 'Two players, one device' }));
    expect(onplay).toHaveBeenCalledWith('fake-call', 'both');
  });

  it('exports a scenario as the file it was saved from', async () => {
    const { user, download } = await renderList(await storageWith({ text: fakeText() }));
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(download).toHaveBeenCalledWith(exportScenario(fake()));
    expect(screen.getByRole('status')).toHaveTextContent('Exported “fake-call.json”.');
  });

  it('removes a scenario, offers undo with focus on it, and puts it back', async () => {
    const storage = await storageWith({ text: fakeText() });
    const { user } = await renderList(storage);
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(screen.queryByRole('heading', { name: 'A short call' })).not.toBeInTheDocument();
    expect(screen.getByText('No scenarios of your own yet.')).toBeInTheDocument();
    expect(storage.getItem(`${CUSTOM_KEY_PREFIX}fake-call`)).toBeNull();
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(undo).toHaveFocus();
    await user.click(undo);
    expect(screen.getByRole('heading', { name: 'A short call' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Restored “A short call”.');
  });

  it('tells the person about saved data it had to set aside, and still lists the rest', async () => {
    const storage = await storageWith({ text: fakeText() });
    storage.setItem(`${CUSTOM_KEY_PREFIX}mangled`, 'not json');
    const { user } = await renderList(storage);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your saved scenario "mangled" could not be read (it is not valid JSON). It was set aside, not deleted',
    );
    expect(screen.getByRole('heading', { name: 'A short call' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers the map and an import when asked to', async () => {
    const onmap = vi.fn();
    const onimport = vi.fn();
    const { user } = await renderList(await storageWith({ text: fakeText() }), { onmap, onimport });
    await user.click(screen.getByRole('button', { name: 'Map' }));
    expect(onmap).toHaveBeenCalledWith('fake-call');
    await user.click(screen.getByRole('button', { name: 'Import a scenario' }));
    expect(onimport).toHaveBeenCalled();
  });

  it('is accessible', async () => {
    const storage = await storageWith({ text: fakeText() });
    storage.setItem(`${CUSTOM_KEY_PREFIX}mangled`, 'not json');
    const { container, user } = await renderList(storage, { onmap: () => {} });
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('<ExportButton>', () => {
  it('exports a built-in or loaded scenario as a file', async () => {
    const download = vi.fn();
    const user = userEvent.setup();
    render(ExportButton, { scenario: async () => fake(), download });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(download).toHaveBeenCalledWith(exportScenario(fake()));
    expect(screen.getByRole('status')).toHaveTextContent('Exported “fake-call.json”.');
  });

  it('says so when the scenario cannot be loaded', async () => {
    const download = vi.fn();
    const user = userEvent.setup();
    render(ExportButton, { scenario: async () => undefined, download });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(download).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('This scenario could not be loaded, so it was not exported.');
  });
});

describe('downloadFile', () => {
  it('hands the browser the file under its name, then tidies up', async () => {
    const { downloadFile } = await import('../../src/lib/authoring/download.ts');
    vi.useFakeTimers();
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (created.push(blob), 'blob:fake'));
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    downloadFile(exportScenario(fake()));
    expect(clicked[0]!.download).toBe('fake-call.json');
    expect(clicked[0]!.href).toBe('blob:fake');
    expect(await created[0]!.text()).toBe(exportScenario(fake()).text);
    expect(document.querySelector('a[download]')).toBeNull();
    vi.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:fake');
    click.mockRestore();
    vi.useRealTimers();
  });
});
