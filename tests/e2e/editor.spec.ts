/**
 * The scenario editor in the browser: a new two-seat scenario from the template, changed with the
 * keyboard only, in the outline and on the map (Svelte Flow: a scene added, its text written, choices
 * connected, scenes grouped and the group collapsed); the live check reaches all four outcomes from both
 * seats; a play-test from a scene returns to the same place; the exported file passes `npm run scenarios`
 * and comes back byte for byte after an import; axe finds nothing on the editor with the map open, and
 * the map breaks no Content-Security-Policy rule (the fixture fails the test on any violation).
 */
import { readFileSync } from 'node:fs';
import { runScenariosCommand } from '../../src/cli/scenarios.ts';
import { checkScenarioText, isComplete } from '../../src/lib/authoring/check.ts';
import { expect, test } from './fixtures.ts';
import { checkScreen } from './support.ts';

test('builds, checks, play-tests, exports and re-imports a scenario', async ({ page }) => {
  // One page walks the whole journey (about 10 s on a quiet machine); generous for a busy one.
  test.setTimeout(90_000);
  await page.goto('/#/editor/new');
  await page.getByRole('textbox', { name: 'Employer’s name' }).focus();
  await page.keyboard.type('Ada Jones');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Head of data');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kim Lee');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Analyst');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Northwind');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Data engineer');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/editor\/data-engineer$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Editor: Interview for Data engineer' })).toBeVisible();

  // In the outline, with the keyboard: add an ending, then send one answer there.
  await page.getByRole('textbox', { name: 'New scene name' }).focus();
  await page.keyboard.type('farewell');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Scene “farewell”' })).toBeVisible();
  const outline = page.getByRole('navigation', { name: 'Scenes' });
  await outline.getByRole('button', { name: /^farewell/ }).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { name: 'Scene “answer”' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Leads to' }).first().focus();
  await page.keyboard.press('f');
  await expect(page.getByRole('combobox', { name: 'Leads to' }).first()).toHaveValue('farewell');

  // On the map, with the keyboard: a new scene, its text, a choice into it and one out of it, and a group.
  await page.getByRole('button', { name: 'Show the map' }).focus();
  await page.keyboard.press('Enter');
  const map = page.getByRole('region', { name: 'Map of the scenes' });
  await expect(map.locator('.svelte-flow__node-scene')).toHaveCount(6);
  await map.getByRole('button', { name: 'Add a scene on the map' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Scene “scene”' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Paragraph 1' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Kim asks about the team’s on-call rota.');
  await map.getByRole('combobox', { name: 'Connect “scene” to' }).focus();
  await page.keyboard.press('f');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await outline.getByRole('button', { name: /^answer/ }).focus();
  await page.keyboard.press('Enter');
  await map.getByRole('combobox', { name: 'Connect “answer” to' }).focus();
  await page.keyboard.press('s');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(map.getByRole('group', { name: /^Choice from answer to scene/ })).toBeAttached();
  // Enter on a focused scene selects it on the map; a group takes it and the scene in the form.
  await map.locator('.svelte-flow__node[data-id="scene"]').focus();
  await page.keyboard.press('Enter');
  await map.getByRole('textbox', { name: 'Group name' }).focus();
  await page.keyboard.type('Follow-ups');
  await page.keyboard.press('Enter');
  await expect(map.getByRole('textbox', { name: /^Name of group “Follow-ups” \(2 scenes\)/ })).toBeVisible();
  await map.getByRole('button', { name: 'Collapse “Follow-ups”' }).focus();
  await page.keyboard.press('Enter');
  await expect(map.getByText('Follow-ups (2 scenes, collapsed)')).toBeVisible();
  await expect(map.locator('.svelte-flow__node-scene:visible')).toHaveCount(5);
  await page.keyboard.press('Enter');
  await expect(map.locator('.svelte-flow__node-scene:visible')).toHaveCount(7);

  // The live check: valid, complete, every outcome reachable from both seats.
  const report = page.getByRole('region', { name: 'Check' });
  await expect(report.getByRole('status')).toHaveText('Valid and complete: every seat reaches all four outcomes.', { timeout: 15_000 });
  await expect(report.getByRole('cell', { name: /^reachable/ })).toHaveCount(8);

  // Play-test from this scene as the candidate, then back to the same scene.
  await page.getByRole('button', { name: 'Play-test from here as the candidate' }).click();
  await page.getByRole('button', { name: /Give a concrete example/ }).click();
  await expect(page.getByRole('heading', { name: /^Ending: / })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the editor' }).last().click();
  await expect(page.getByRole('heading', { name: 'Scene “answer”' })).toBeVisible();

  // Export: the file passes `npm run scenarios`, groups included; imported and exported again, it is byte-identical.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(download.suggestedFilename()).toBe('data-engineer.json');
  const check = checkScenarioText(exported, { fileName: 'data-engineer.json' });
  expect(check.ok && check.errors).toEqual([]);
  expect(isComplete(check)).toBe(true);
  const states = JSON.parse(exported).machine.states;
  expect([states.answer.meta.group, states.scene.meta.group, states.scene.meta.text]).toEqual([
    'Follow-ups',
    'Follow-ups',
    ['Kim asks about the team’s on-call rota.'],
  ]);
  const saved = test.info().outputPath('data-engineer.json');
  await download.saveAs(saved);
  const printed: string[] = [];
  expect(
    runScenariosCommand([saved], (line) => printed.push(line)),
    printed.join('\n'),
  ).toBe(0);
  await page.getByLabel('Scenario file to import').setInputFiles({ name: 'data-engineer.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByText('Imported “data-engineer.json”. Undo takes it back.')).toBeAttached();
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(readFileSync((await again.path())!, 'utf8')).toBe(exported);

  // axe on the editor with the map open (phone, light; projector, dark), screenshots at three sizes.
  await expect(page.getByRole('region', { name: 'Map of the scenes' })).toBeVisible();
  await checkScreen(page, 'editor-map');
});
