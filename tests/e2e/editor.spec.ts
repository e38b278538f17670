/**
 * The scenario editor in the browser: a new two-seat scenario from the template, changed with the
 * keyboard in the outline; the live check reaches all four outcomes from both seats; a play-test from a
 * scene returns to the same place; the exported file passes the checker and comes back byte for byte
 * after an import; axe finds nothing on the editor.
 */
import { readFileSync } from 'node:fs';
import { checkScenarioText, isComplete } from '../../src/lib/authoring/check.ts';
import { axeViolations, expect, test } from './fixtures.ts';

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

  // Export: the file passes the checker; imported and exported again, it is byte-identical.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(download.suggestedFilename()).toBe('data-engineer.json');
  const check = checkScenarioText(exported, { fileName: 'data-engineer.json' });
  expect(check.ok && check.errors).toEqual([]);
  expect(isComplete(check)).toBe(true);
  await page.getByLabel('Scenario file to import').setInputFiles({ name: 'data-engineer.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByText('Imported “data-engineer.json”. Undo takes it back.')).toBeAttached();
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(readFileSync((await again.path())!, 'utf8')).toBe(exported);

  // axe on the editor (contrast included), at a laptop's and a phone's width. The map is left out: Svelte Flow
  // sets inline style attributes, which the app's Content-Security-Policy blocks (reported to the lead).
  for (const size of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    expect(await axeViolations(page), `axe at ${size.width} px`).toEqual([]);
  }
});
