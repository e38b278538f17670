import { axeViolations, expect, test } from './fixtures.ts';

test('the library opens with the built-in scenarios and passes axe', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Other Side of the Desk' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
