// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exportScenario } from '../../src/lib/authoring/export.ts';
import { checkImport } from '../../src/lib/authoring/import.ts';
import { customScenarioFile, loadCustomScenario, saveCustomScenario } from '../../src/lib/authoring/store.ts';
import { builtInScenarios, loadBuiltIn } from '../../src/lib/scenarios/catalog.ts';
import { fake, MemoryStorage } from './support.ts';

describe('export, then import', () => {
  it('names the file after the scenario and writes readable JSON', () => {
    const file = exportScenario(fake());
    expect(file.filename).toBe('fake-call.json');
    expect(file.mimeType).toBe('application/json');
    expect(file.text.startsWith('{\n  "format": 2,\n  "id": "fake-call",')).toBe(true);
    expect(file.text.endsWith('}\n')).toBe(true);
  });

  it('has built-in scenarios to export', () => {
    expect(builtInScenarios().length).toBeGreaterThan(0);
  });

  it.each(builtInScenarios().map((s) => [s.id]))('gives back %s unchanged, as a ready scenario', async (id) => {
    const scenario = (await loadBuiltIn(id))!;
    const file = exportScenario(scenario);
    const check = checkImport(file.text);
    expect(check).toMatchObject({ ok: true, status: 'ready' });
    if (!check.ok) return;
    expect(check.scenario).toEqual(scenario);
    expect(exportScenario(check.scenario).text).toBe(file.text);
  });

  it.each(builtInScenarios().map((s) => [s.id]))('stores an export of %s as a custom copy that exports to the same file but for its id', async (id) => {
    const storage = new MemoryStorage();
    const scenario = (await loadBuiltIn(id))!;
    const result = await saveCustomScenario(exportScenario(scenario).text, { storage, builtInIds: builtInScenarios().map((s) => s.id), onClash: 'copy' });
    expect(result).toMatchObject({ ok: true, renamedFrom: id, summary: { id: `${id}-2`, custom: true } });
    const loaded = await loadCustomScenario(`${id}-2`, { storage });
    expect(loaded.ok && loaded.scenario).toEqual({ ...scenario, id: `${id}-2` });
    expect(customScenarioFile(`${id}-2`, { storage })!.text).toBe(exportScenario({ ...scenario, id: `${id}-2` }).text);
  });

  it('round-trips a custom scenario through the store', async () => {
    const storage = new MemoryStorage();
    const original = exportScenario(fake()).text;
    await saveCustomScenario(original, { storage, builtInIds: [] });
    expect(customScenarioFile('fake-call', { storage })!.text).toBe(original);
  });
});
