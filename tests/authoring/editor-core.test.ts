// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkScenarioText, isComplete } from '../../src/lib/authoring/check.ts';
import { canonicalScenario, exportCanonical } from '../../src/lib/authoring/editor/canonical.ts';
import { addChoice, addScene, deleteChoice, groupsOf, renameGroup, renameScene, setGroup, setIn } from '../../src/lib/authoring/editor/edit.ts';
import { record, redo, redoLabel, startHistory, undo, undoLabel } from '../../src/lib/authoring/editor/history.ts';
import { TEMPLATE_FORMAT, templateScenario } from '../../src/lib/authoring/editor/template.ts';
import { FORMAT_VERSION } from '../../src/lib/engine/schema.ts';
import { exportScenario } from '../../src/lib/authoring/export.ts';
import { readFileSync } from 'node:fs';
import { validateScenario } from '../../src/lib/engine/validate.ts';

const cast = { employer: { name: 'Ada Jones', role: 'CTO' }, candidate: { name: 'Kim Lee', role: 'Developer' } };

describe('the template', () => {
  it('reaches all four outcomes from both seats, with the cast filled in', () => {
    const scenario = templateScenario(cast, 'kim-interview');
    const check = checkScenarioText(exportCanonical(scenario).text);
    expect(isComplete(check)).toBe(true);
    expect(TEMPLATE_FORMAT).toBe(FORMAT_VERSION);
    expect(scenario.cast.employer.name).toBe('Ada Jones');
    expect(scenario.machine.states.arrive!.meta.text[0]).toContain('Kim');
  });
});

describe('the editor file', () => {
  it('writes built-in scenarios exactly as the exporter does (keys in the format’s order)', () => {
    const validation = validateScenario(JSON.parse(readFileSync('scenarios/phone-screen.json', 'utf8')));
    if (!validation.ok) throw new Error('phone-screen does not validate');
    const scenario = validation.scenario;
    expect(exportCanonical(scenario).text).toBe(exportScenario(scenario).text);
  });

  it('gives the same text whatever order the keys were set in', () => {
    const scenario = templateScenario(cast);
    const reversed = Object.fromEntries(Object.entries(scenario).reverse());
    const reordered = { ...reversed, cast: { candidate: scenario.cast.candidate, employer: scenario.cast.employer } } as typeof scenario;
    expect(exportCanonical(reordered).text).toBe(exportCanonical(scenario).text);
    expect(canonicalScenario(scenario)).toEqual(scenario);
  });
});

describe('edits', () => {
  it('renames a scene with every target and the initial scene, and adds and deletes choices', () => {
    let s = templateScenario(cast);
    s = renameScene(s, 'arrive', 'lobby');
    expect(s.machine.initial).toBe('lobby');
    expect(Object.keys(s.machine.states)[0]).toBe('lobby');
    s = renameScene(s, 'end', 'goodbye');
    expect((s.machine.states.answer!.on as Record<string, { target: string }>)['choice.vague']!.target).toBe('goodbye');
    s = addScene(s, 'extra');
    s = addChoice(s, 'extra', 'goodbye');
    expect(s.machine.states.extra!.meta.npc).toEqual([{ choose: 'choice.option' }]);
    s = deleteChoice(s, 'extra', 'choice.option');
    expect(s.machine.states.extra!.on).toEqual({});
    expect(s.machine.states.extra!.meta.npc).toBeUndefined();
  });

  it('sets one field without changing the original', () => {
    const s = templateScenario(cast);
    const t = setIn(s, ['machine', 'states', 'arrive', 'meta', 'text', 0], 'Hello.');
    expect(t.machine.states.arrive!.meta.text).toEqual(['Hello.']);
    expect(s.machine.states.arrive!.meta.text[0]).not.toBe('Hello.');
    expect(t.machine.states.welcome).toBe(s.machine.states.welcome);
  });
});

describe('history', () => {
  it('undoes and redoes edits, merging typing in one field', () => {
    let h = startHistory('a');
    h = record(h, 'ab', 'Edit the title', 'title');
    h = record(h, 'abc', 'Edit the title', 'title');
    h = record(h, 'abcX', 'Edit the summary', 'summary');
    expect(h.past.map((e) => e.value)).toEqual(['a', 'abc']);
    expect(undoLabel(h)).toBe('Edit the summary');
    h = undo(h);
    expect(h.present.value).toBe('abc');
    expect(redoLabel(h)).toBe('Edit the summary');
    h = undo(undo(h));
    expect(h.present.value).toBe('a');
    h = redo(h);
    expect(h.present.value).toBe('abc');
    h = record(h, 'new', 'Add a scene');
    expect(redoLabel(h)).toBeUndefined();
  });
});

describe('the canvas graph and its layout', () => {
  it('has a node per scene with speaker and first words, an edge per choice, and lays them out in ranks', async () => {
    const { sceneGraph, layoutScenes } = await import('../../src/lib/authoring/editor/graph-layout.ts');
    const scenario = templateScenario(cast);
    const { nodes, edges } = sceneGraph(scenario);
    expect(nodes[1]).toMatchObject({ scene: 'welcome', speaker: 'Ada Jones', words: 'Ada comes to meet Kim.' });
    expect(edges.filter((e) => e.source === 'arrive').map((e) => e.label)).toEqual(['Arrive five minutes early', 'Arrive ten minutes late without a message']);
    const at = layoutScenes(scenario);
    const ys = ['arrive', 'welcome', 'question', 'answer', 'end'].map((s) => at.get(s)!.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(5);
  });
});

describe('groups on the map', () => {
  it('puts scenes in a named group, renames it, ungroups them, and keeps a group together in the layout', async () => {
    const { layoutScenes } = await import('../../src/lib/authoring/editor/graph-layout.ts');
    const scenario = templateScenario(cast);
    const grouped = setGroup(scenario, ['question', 'answer'], '  Questions ');
    expect(groupsOf(grouped)).toEqual(new Map([['Questions', ['question', 'answer']]]));
    expect(groupsOf(renameGroup(grouped, 'Questions', 'Technical'))).toEqual(new Map([['Technical', ['question', 'answer']]]));
    expect(groupsOf(renameGroup(grouped, 'Questions', ' '))).toEqual(new Map());
    expect(setGroup(grouped, ['question', 'answer'], undefined)).toEqual(scenario);
    // The file keeps the group as the last field of the scene's meta, and the checker accepts it.
    const file = exportCanonical(grouped).text;
    expect(Object.keys(JSON.parse(file).machine.states.question.meta).at(-1)).toBe('group');
    const check = checkScenarioText(file, { fileName: `${scenario.id}.json` });
    expect(check.ok && check.errors).toEqual([]);
    const at = layoutScenes(grouped);
    expect(at.get('question')!.y).toBeLessThan(at.get('answer')!.y);

    // On the canvas: a frame around the group; collapsed, its box takes the choices into and out of its scenes.
    const { canvasGraph } = await import('../../src/lib/authoring/editor/graph-layout.ts');
    const open = canvasGraph(grouped, at, []);
    expect(open.groups).toEqual([expect.objectContaining({ id: 'group:Questions', members: ['question', 'answer'], collapsed: false })]);
    expect(open.groups[0]!.position.y).toBeLessThan(at.get('question')!.y);
    const stacked = open.links.filter((l) => l.source === 'arrive');
    expect(stacked.map((l) => [l.nth, l.of])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const shut = canvasGraph(grouped, at, ['Questions']);
    expect([...shut.hidden]).toEqual(['question', 'answer']);
    expect(shut.links.filter((l) => l.event === undefined).map((l) => `${l.source} → ${l.target}`)).toEqual([
      'welcome → group:Questions',
      'group:Questions → end',
    ]);
  });
});
