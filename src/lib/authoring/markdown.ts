/**
 * A tiny Markdown-to-HTML converter for the subset the project's guides use, so the authoring guide
 * (docs/authoring.md) can be read inside the app (rendered at build time by src/build/guide-plugin.ts).
 *
 * Blocks: `#`–`######` headings (each gets an id, as GitHub makes them), paragraphs, `-` and `1.` lists
 * (indented lines continue an item), pipe tables with a `---` row under the header, and fenced code
 * blocks. Inline: `code`, **strong**, *emphasis* and [links](…). Everything else is text.
 *
 * Everything from the source is escaped; the only markup in the result is what this file writes. Links
 * keep only `https:` addresses and `#section` anchors (passed through `anchor`); any other address
 * (a relative file such as `scenarios.md`, `javascript:`…) leaves its words as plain text. Pure: no DOM.
 */

/** One heading of a rendered document. */
export interface GuideHeading {
  level: number;
  /** Plain text, without Markdown. */
  text: string;
  /** The element id: `idPrefix` + the GitHub-style slug. */
  id: string;
  /** The slug alone, as in a `#section` link. */
  slug: string;
}

/** One `##` section of a guide, with everything up to the next `##`. */
export interface GuideSection {
  /** The section's own heading. */
  heading: GuideHeading;
  html: string;
  /** Slugs of the headings inside it (its own and its `###` ones), so a link to any of them finds it. */
  slugs: string[];
}

/** A rendered document: its first `#` heading as the title, what comes before the first `##`, and the sections. */
export interface GuideDocument {
  title: string;
  intro: string;
  sections: GuideSection[];
}

export interface MarkdownOptions {
  /** The href of a `#slug` link (default: `#slug` itself). */
  anchor?: (slug: string) => string;
  /** Put before each heading's slug to make its id (default: none). */
  idPrefix?: string;
}

/** The in-app guide's heading ids start with this, so they cannot clash with the app's own ids. */
export const GUIDE_ID_PREFIX = 'guide-';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to put anywhere in HTML, attributes included. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The heading's text without its Markdown: code ticks, stars and link brackets dropped. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*+/g, '')
    .trim();
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slugify(text: string): string {
  return plainText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const SAFE_URL = /^https:\/\/[^\s"'<>]+$/;

/** Inline Markdown of one block as HTML. Code spans are set aside first, so nothing inside them is read. */
export function inlineHtml(text: string, options: MarkdownOptions = {}): string {
  const anchor = options.anchor ?? ((slug: string) => `#${slug}`);
  const codes: string[] = [];
  // U+E000 (private use) never occurs in the guides; it marks where a code span goes back.
  const marked = text.replace(/\uE000/g, '').replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => {
    codes.push(`<code>${escapeHtml(code.trim() || code)}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  return escapeHtml(marked)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, words: string, url: string) => {
      // The address as written (the text is escaped by now): a quote or bracket in it fails SAFE_URL.
      const raw = url.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => Object.keys(ESCAPES).find((c) => ESCAPES[c] === entity)!);
      if (raw.startsWith('#') && raw.length > 1) return `<a href="${escapeHtml(anchor(raw.slice(1)))}">${words}</a>`;
      if (SAFE_URL.test(raw)) return `<a href="${escapeHtml(raw)}" rel="noopener noreferrer">${words}</a>`;
      return words;
    })
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\p{L}\p{N}])\*(?=[^\s*])([^*]*?[^\s*])\*(?![*\p{L}\p{N}])/gu, '$1<em>$2</em>')
    .replace(/\uE000(\d+)\uE000/g, (_, i: string) => codes[Number(i)]!);
}

/** The cells of a table row, split at pipes outside code spans. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  let ticks = false;
  for (const c of row.trim().replace(/^\||\|$/g, '')) {
    if (c === '`') ticks = !ticks;
    if (c === '|' && !ticks) {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

const FENCE = /^(```+|~~~+)\s*([\w-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const BULLET = /^([-*+]|\d+[.)])\s+(.*)$/;
const TABLE_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** A whole Markdown document as HTML, with its headings. */
export function markdownToHtml(markdown: string, options: MarkdownOptions = {}): { html: string; headings: GuideHeading[] } {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const headings: GuideHeading[] = [];
  const slugs = new Map<string, number>();
  const inline = (text: string) => inlineHtml(text, options);
  const startsBlock = (line: string, next: string | undefined) =>
    FENCE.test(line) || HEADING.test(line) || BULLET.test(line) || (line.trimStart().startsWith('|') && next !== undefined && TABLE_RULE.test(next));

  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith(fence[1]!); i++) body.push(lines[i]!);
      i++;
      const lang = fence[2] ? ` data-lang="${escapeHtml(fence[2])}"` : '';
      out.push(`<pre${lang}><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const base = slugify(heading[2]!);
      const seen = slugs.get(base) ?? 0;
      slugs.set(base, seen + 1);
      const slug = seen ? `${base}-${seen}` : base;
      const id = `${options.idPrefix ?? ''}${slug}`;
      headings.push({ level, text: plainText(heading[2]!), id, slug });
      out.push(`<h${level} id="${escapeHtml(id)}">${inline(heading[2]!)}</h${level}>`);
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!)) {
      const head = cells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i]!.trimStart().startsWith('|'); i++) rows.push(cells(lines[i]!));
      // An empty first header cell is a corner: the first column then heads each row.
      const rowHeads = head[0] === '';
      const headRow = head.map((c) => (c ? `<th scope="col">${inline(c)}</th>` : '<td></td>')).join('');
      const bodyRows = rows.map(
        (r) => `<tr>${r.map((c, k) => (k === 0 && rowHeads ? `<th scope="row">${inline(c)}</th>` : `<td>${inline(c)}</td>`)).join('')}</tr>`,
      );
      out.push(`<table><thead><tr>${headRow}</tr></thead><tbody>${bodyRows.join('')}</tbody></table>`);
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      const ordered = /\d/.test(bullet[1]!);
      const items: string[] = [];
      // Items go on through indented lines and single blank lines, until a line that is neither.
      while (i < lines.length) {
        const item = BULLET.exec(lines[i]!);
        if (item && /\d/.test(item[1]!) === ordered) {
          items.push(item[2]!);
          i++;
        } else if (lines[i]!.trim() && /^\s+/.test(lines[i]!) && items.length) {
          items[items.length - 1] += ` ${lines[i]!.trim()}`;
          i++;
        } else if (!lines[i]!.trim() && i + 1 < lines.length && (BULLET.exec(lines[i + 1]!) || /^\s+\S/.test(lines[i + 1]!))) {
          i++;
        } else break;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((t) => `<li>${inline(t)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const paragraph: string[] = [line.trim()];
    for (i++; i < lines.length && lines[i]!.trim() && !startsBlock(lines[i]!, lines[i + 1]); i++) paragraph.push(lines[i]!.trim());
    out.push(`<p>${inline(paragraph.join(' '))}</p>`);
  }
  return { html: out.join('\n'), headings };
}

/** A guide: its first `#` heading becomes the title (not in the HTML); the rest is rendered, cut into its `##` sections. */
export function renderGuide(markdown: string, options: MarkdownOptions = {}): GuideDocument {
  // Only a `#` heading on the first line that has text is the title (a `#` inside a code block is not).
  const match = /^\s*#[ \t]+(.+)$/m.exec(markdown);
  const first = match && !markdown.slice(0, match.index).trim() ? match : null;
  const title = first ? plainText(first[1]!) : 'Guide';
  const rest = first ? markdown.slice(first.index + first[0].length) : markdown;
  const { html, headings } = markdownToHtml(rest, options);
  // Blocks are joined by newlines and each heading is a block of its own (code is escaped, so "<h2" in a
  // block's text cannot start a line).
  const [intro = '', ...parts] = html.split(/\n(?=<h2 )/);
  const hasIntro = !intro.startsWith('<h2 ');
  const bodies = hasIntro ? parts : [intro, ...parts];
  const tops = headings.filter((h) => h.level === 2);
  const sections = bodies.map((body, k) => {
    const heading = tops[k]!;
    const next = tops[k + 1];
    const from = headings.indexOf(heading);
    const to = next ? headings.indexOf(next) : headings.length;
    return { heading, html: body, slugs: headings.slice(from, to).map((h) => h.slug) };
  });
  return { title, intro: hasIntro ? intro : '', sections };
}
