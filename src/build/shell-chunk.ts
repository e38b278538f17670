/**
 * One chunk for the first load. Left to itself, the bundler splits what the page's entry imports statically
 * into several small shared chunks (the Svelte runtime, tiny helpers that lazy screens also use), so the
 * first load is many files, each compressed on its own. This puts every module the entry needs before the
 * first screen runs into the entry's chunk: one request, compressed as a whole (about 1.3 kB less gzip
 * than seven separate files, measured when this was added). Screens and scenarios loaded with `import()`
 * still get chunks of their own and import what they share from it.
 *
 * Use both halves: `plugin` records the entry's static imports once the build has read every module;
 * `group` is the `build.rolldownOptions.output.codeSplitting` rule that gathers them.
 */
import type { Plugin, Rolldown } from 'vite';

export interface ShellChunk {
  plugin: Plugin;
  group: Rolldown.CodeSplittingGroup;
}

/** @param exclude entries that are not the page's (e.g. the service worker), by module id */
export function shellChunk(exclude: (id: string) => boolean = () => false): ShellChunk {
  const shell = new Set<string>();
  const plugin: Plugin = {
    name: 'shell-chunk',
    apply: 'build',
    buildEnd() {
      shell.clear();
      const visit = (id: string) => {
        if (shell.has(id)) return;
        shell.add(id);
        for (const next of this.getModuleInfo(id)?.importedIds ?? []) visit(next);
      };
      for (const id of this.getModuleIds()) if (this.getModuleInfo(id)?.isEntry && !exclude(id)) visit(id);
    },
  };
  return { plugin, group: { name: 'index', test: (id: string) => shell.has(id), priority: 10 } };
}
