/**
 * Shared Playwright fixtures: every page of the test's browser context records console errors, uncaught
 * errors and Content-Security-Policy violations, and each test fails if any were recorded.
 * `axeViolations()` runs axe-core (WCAG 2.2 A/AA).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Problems {
  console: string[];
  csp: string[];
}

/**
 * Record console errors, uncaught errors and CSP violations from every page of a browser context (the
 * fixture does this for the test's own context; call it for any other context a test opens).
 */
export async function watch(context: BrowserContext, problems: Problems): Promise<void> {
  context.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(message.text());
  });
  context.on('weberror', (error) => problems.console.push(`page error: ${error.error().message}`));
  await context.exposeFunction('__reportCsp', (text: string) => problems.csp.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
}

export const test = base.extend<{ problems: Problems }>({
  problems: [
    async ({ context }, use) => {
      const problems: Problems = { console: [], csp: [] };
      await watch(context, problems);
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
