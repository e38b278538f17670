/**
 * Shared Playwright fixtures: every page records console errors, page errors and Content-Security-Policy
 * violations, and each test fails if any were recorded. `checkA11y()` runs axe-core (WCAG 2.2 A/AA).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Problems {
  console: string[];
  csp: string[];
}

export const test = base.extend<{ problems: Problems }>({
  problems: [
    async ({ page }, use) => {
      const problems: Problems = { console: [], csp: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') problems.console.push(message.text());
      });
      page.on('pageerror', (error) => problems.console.push(`page error: ${error.message}`));
      await page.exposeFunction('__reportCsp', (text: string) => problems.csp.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI}`);
        });
      });
      await use(problems);
      expect(problems.csp, 'Content-Security-Policy violations').toEqual([]);
      expect(problems.console, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Axe violations on the page (WCAG 2.0–2.2 A and AA), as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, so the page's CSP does not apply to the injected source.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
