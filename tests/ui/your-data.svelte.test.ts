// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import YourData from '../../src/app/YourData.svelte';
import { customScenarioKind } from '../../src/lib/authoring/store.ts';
import { sessionKind } from '../../src/lib/facilitator/persist.ts';
import { RecordStore } from '../../src/lib/persistence/record-store.ts';
import { listSetAside } from '../../src/lib/persistence/set-aside.ts';
import { memoryStorage } from '../../src/lib/persistence/storage.ts';
import { axeViolations } from '../support/axe.ts';

const BROKEN = '{"version": 1, "status": "ready", "summ';
const FUTURE = JSON.stringify({ version: 5, anything: true });

/** A browser with one damaged imported scenario (set aside on the way in) and one session from a newer app. */
function renderComponent() {
  const storage = memoryStorage({ 'osotd:v1:custom:my-panel': BROKEN, 'osotd:v1:facilitator:session:later': FUTURE });
  const records = new RecordStore(storage, () => Date.UTC(2026, 0, 5, 9, 30));
  records.read(customScenarioKind, 'my-panel');
  const download = vi.fn();
  render(YourData, { records, download, kinds: [customScenarioKind, sessionKind] });
  return { storage, records, download, user: userEvent.setup() };
}

describe('<YourData>', () => {
  it('lists what was set aside, why, and what was kept for a newer version', () => {
    renderComponent();
    const setAside = screen.getByRole('region', { name: 'Set aside' });
    expect(within(setAside).getByRole('listitem')).toHaveTextContent(/^Your saved scenario "my-panel", set aside .*, because it is not valid JSON\./);
    const newer = screen.getByRole('region', { name: 'Kept for a newer version' });
    expect(within(newer).getByRole('listitem')).toHaveTextContent('The saved session "later" (saved in format 5)');
  });

  it('downloads the original text of a set-aside record', async () => {
    const { download, user } = renderComponent();
    await user.click(screen.getByRole('button', { name: 'Download your saved scenario "my-panel"' }));
    expect(download).toHaveBeenCalledWith({ filename: 'osotd-v1-custom-my-panel.json', text: BROKEN, mimeType: 'application/json' });
    expect(screen.getByRole('status')).toHaveTextContent('Downloaded “osotd-v1-custom-my-panel.json”.');
  });

  it('says why a record cannot be restored yet, and restores it once it reads', async () => {
    const { storage, records, user } = renderComponent();
    await user.click(screen.getByRole('button', { name: 'Try to restore your saved scenario "my-panel"' }));
    expect(screen.getByRole('status')).toHaveTextContent('Your saved scenario "my-panel" still cannot be read: it is not valid JSON.');
    expect(storage.getItem('osotd:v1:custom:my-panel')).toBeNull();

    // Someone repairs the text (as a newer version of the app might); now it reads.
    const [entry] = listSetAside(records);
    const fixed = JSON.stringify({
      version: 1,
      status: 'ready',
      savedAt: '2026-01-05T09:00:00.000Z',
      summary: { id: 'my-panel', title: 'My panel', summary: '', seats: ['candidate'], minutes: 5, tags: [] },
      warnings: [],
      scenario: { id: 'my-panel' },
    });
    storage.setItem(entry!.asideKey, JSON.stringify({ ...entry, text: fixed }));
    await user.click(screen.getByRole('button', { name: 'Try to restore your saved scenario "my-panel"' }));
    expect(screen.getByRole('status')).toHaveTextContent('Your saved scenario "my-panel" was restored.');
    expect(storage.getItem('osotd:v1:custom:my-panel')).toBe(fixed);
    expect(screen.getByRole('region', { name: 'Set aside' })).toHaveTextContent('Nothing has been set aside.');
  });

  it('is accessible', async () => {
    renderComponent();
    expect(await axeViolations()).toEqual([]);
  });
});
