// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineHtml, markdownToHtml, renderGuide, slugify } from '../../src/lib/authoring/markdown.ts';

describe('the guide’s Markdown converter', () => {
  it('escapes every character of markup, in text, code, headings, tables and link words', () => {
    const hostile = `<img src=x onerror=alert(1)>`;
    const { html } = markdownToHtml(
      [
        `# ${hostile}`,
        '',
        `Text ${hostile} & "quotes" 'too'`,
        '',
        `- ${hostile}`,
        '',
        '| a | b |',
        '| --- | --- |',
        `| ${hostile} | \`${hostile}\` |`,
        '',
        '```html',
        hostile,
        '```',
        '',
        `[${hostile}](https://example.org/)`,
      ].join('\n'),
    );
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&amp; &quot;quotes&quot; &#39;too&#39;');
    expect(html).toContain('<pre data-lang="html"><code>&lt;img');
  });

  it('keeps only https addresses and #section links; other links leave their words as text', () => {
    expect(inlineHtml('[a](https://stately.ai/docs)')).toBe('<a href="https://stately.ai/docs" rel="noopener noreferrer">a</a>');
    expect(inlineHtml('[b](#the-file)', { anchor: (s) => `#/guide/${s}` })).toBe('<a href="#/guide/the-file">b</a>');
    expect(inlineHtml('[c](javascript:alert(1)) [d](scenarios.md) [e](http://example.org)')).toBe('c) d e');
    expect(inlineHtml('[f](https://x.org/"onmouseover=alert(1))')).toBe('f)');
  });

  it('reads code spans as they are, and strong and emphasis outside them', () => {
    expect(inlineHtml('**Required** on *every* `choice.<name>` and `**not bold**`')).toBe(
      '<strong>Required</strong> on <em>every</em> <code>choice.&lt;name&gt;</code> and <code>**not bold**</code>',
    );
  });

  it('makes lists with continued items, tables with row heads, and headings with GitHub’s ids', () => {
    const { html, headings } = markdownToHtml(
      [
        '## What the player may see: `label` and `observed`',
        '- one',
        '  more of one',
        '',
        '- two',
        '',
        '| | written for | shown |',
        '| --- | --- | --- |',
        '| `label` | the player | a button |',
      ].join('\n'),
      { idPrefix: 'guide-' },
    );
    expect(headings).toEqual([
      {
        level: 2,
        text: 'What the player may see: label and observed',
        slug: 'what-the-player-may-see-label-and-observed',
        id: 'guide-what-the-player-may-see-label-and-observed',
      },
    ]);
    expect(html).toContain('<ul><li>one more of one</li><li>two</li></ul>');
    expect(html).toContain('<thead><tr><td></td><th scope="col">written for</th>');
    expect(html).toContain('<tr><th scope="row"><code>label</code></th><td>the player</td>');
    expect(slugify("Step 2: the employer's first move")).toBe('step-2-the-employers-first-move');
  });

  it('renders the whole authoring guide: its title apart, its sections, and every in-guide link to a heading it has', () => {
    const guide = renderGuide(readFileSync('docs/authoring.md', 'utf8'), { anchor: (s) => `#/guide/${s}` });
    expect(guide.title).toBe('Writing scenarios');
    expect(guide.intro).toMatch(/^<p>Write and adapt scenarios in the app/);
    expect(guide.sections.length).toBeGreaterThan(10);
    expect(guide.sections.map((s) => s.heading.text)).toContain('Importing a scenario in the app');
    const html = [guide.intro, ...guide.sections.map((s) => s.html)].join('\n');
    for (const section of guide.sections) expect(section.html.startsWith(`<h2 id="${section.heading.id}">`)).toBe(true);
    const slugs = new Set(guide.sections.flatMap((s) => s.slugs));
    expect(slugs).toContain('step-1-the-skeleton');
    const targets = [...html.matchAll(/href="#\/guide\/([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(slugs, target).toContain(target);
    // No Markdown left over outside code.
    expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/\*\*|`|\]\(/);
  });
});
