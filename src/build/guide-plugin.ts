/**
 * Vite plugin: the authoring guide inside the app. `virtual:authoring-guide` is docs/authoring.md rendered
 * to HTML at build time (lib/authoring/markdown.ts escapes everything in it), so the app's guide screen
 * (`#/guide`, loaded on demand) says exactly what the file says, without a Markdown library in the app.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { GUIDE_ID_PREFIX, renderGuide } from '../lib/authoring/markdown.ts';

const ID = 'virtual:authoring-guide';

export function guidePlugin(file = 'docs/authoring.md'): Plugin {
  const path = resolve(file);
  return {
    name: 'authoring-guide',
    resolveId(id) {
      return id === ID ? '\0' + ID : null;
    },
    load(id) {
      if (id !== '\0' + ID) return null;
      this.addWatchFile(path);
      // A `#section` link stays on the guide's own page: `#/guide/section`.
      const guide = renderGuide(readFileSync(path, 'utf8'), { anchor: (slug) => `#/guide/${slug}`, idPrefix: GUIDE_ID_PREFIX });
      return `export default ${JSON.stringify(guide)};\n`;
    },
  };
}
