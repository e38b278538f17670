/**
 * Vite plugin for `npm run build:single`: one HTML file with everything inlined, which works opened straight
 * from disk (`file://`) and can be e-mailed. Use with `singleFileBuildOptions()`, which turns off code
 * splitting (every screen and every built-in scenario ends up in the one script) and the public folder.
 *
 * After the build it moves the script and the stylesheet into the page, the favicon into a `data:` URL,
 * and writes a Content-Security-Policy that allows exactly those inline blocks by their SHA-256 hash: still
 * no eval, no other script, no plugins, no <base>, no network. Anything the page still refers to by file
 * fails the build with its name.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildEnvironmentOptions, Plugin, ResolvedConfig, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;

export const SINGLE_FILE_MODE = 'single';
export const SINGLE_FILE_OUT_DIR = 'dist-single';

/** Build options for the single file: no code splitting, one stylesheet, assets inlined, no public folder. */
export function singleFileBuildOptions(): BuildEnvironmentOptions {
  return {
    outDir: SINGLE_FILE_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: false,
    assetsInlineLimit: () => true,
    modulePreload: false,
    copyPublicDir: false,
    rolldownOptions: { output: { codeSplitting: false } },
  };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy for the single file: only the page's own inline script and style, by hash. */
export function singleFilePolicy(scriptHashes: string[], styleHashes: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.join(' ') || "'none'"}`,
    `style-src ${styleHashes.join(' ') || "'none'"}`,
    'img-src data:',
    "font-src 'none'",
    "connect-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Makes script text safe inside <script>: `</script` would end the element and `<!--` would change how the
 * HTML parser reads the rest. `\x3C` is `<` in every JS string, template and regular expression.
 */
export function escapeInlineScript(code: string): string {
  return code.replace(/<(\/script|!--)/gi, '\\x3C$1');
}

function escapeInlineStyle(css: string, file: string): string {
  if (/<\/style/i.test(css)) throw new Error(`${file} contains "</style", which cannot be inlined.`);
  return css;
}

const MIME: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', ico: 'image/x-icon' };

/** Inlines `bundle`'s page in place; returns the names of the files that went into it. */
export function inlineBundle(bundle: OutputBundle, publicDir: string): string[] {
  const page = bundle['index.html'];
  if (!page || page.type !== 'asset') throw new Error('The single-file build has no index.html.');
  let html = String(page.source);
  const used: string[] = [];
  const take = (ref: string) => {
    const name = ref.replace(/^(\.\/|\/)/, '');
    const output = bundle[name];
    if (!output) throw new Error(`index.html refers to ${ref}, which the build did not produce.`);
    used.push(name);
    return output;
  };
  const scripts: string[] = [];
  const styles: string[] = [];

  html = html.replace(/<script\b[^>]*\bsrc="([^"]+)"[^>]*><\/script>/g, (_tag, src: string) => {
    const output = take(src);
    if (output.type !== 'chunk') throw new Error(`${src} is not a script.`);
    const code = escapeInlineScript(output.code);
    scripts.push(code);
    return `<script type="module">${code}</script>`;
  });
  html = html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) return tag;
    const output = take(href);
    const css = escapeInlineStyle(String(output.type === 'asset' ? output.source : output.code), href);
    styles.push(css);
    return `<style>${css}</style>`;
  });
  html = html.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>\n?/g, '');
  // Icons come from the public folder, which this build does not copy: inline them.
  html = html.replace(/<link\b[^>]*\brel="(?:icon|apple-touch-icon)"[^>]*>/g, (tag) => {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href || href.startsWith('data:')) return tag;
    const path = join(publicDir, href.replace(/^(\.\/|\/)/, ''));
    if (!existsSync(path)) throw new Error(`index.html refers to the icon ${href}, which is not in the public folder.`);
    const ext = path.split('.').pop()!.toLowerCase();
    const data = `data:${MIME[ext] ?? 'application/octet-stream'};base64,${readFileSync(path).toString('base64')}`;
    return tag.replace(href, data);
  });
  // Anything else the page would fetch cannot work from one file.
  const leftover = [...html.matchAll(/<(?:script|link|img|source)\b[^>]*\b(?:src|href)="(?!data:|#)([^"]+)"/g)].map((m) => m[1]);
  if (leftover.length) throw new Error(`The single file still refers to other files: ${leftover.join(', ')}`);

  const policy = singleFilePolicy(scripts.map(sha256), styles.map(sha256));
  html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/gi, '');
  html = html.replace(/<head>/i, `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`);
  page.source = html;
  return used;
}

export function singleFilePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'single-file',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        try {
          inlineBundle(bundle, config.publicDir);
        } catch (error) {
          this.error((error as Error).message);
        }
        for (const name of Object.keys(bundle)) if (name !== 'index.html') delete bundle[name];
      },
    },
  };
}
