/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:scenario-index' {
  import type { ScenarioSummary } from './lib/scenarios/summary.ts';
  export const scenarioIndex: ScenarioSummary[];
  import type { Commentary, PlayScenario } from './lib/scenarios/commentary.ts';
  /** Each scenario's two chunks: what play needs, and its commentary (see `commentary.ts`). */
  export const loaders: Record<string, { play: () => Promise<{ default: PlayScenario }>; notes: () => Promise<{ default: Commentary }> }>;
}

declare module 'virtual:authoring-guide' {
  import type { GuideDocument } from './lib/authoring/markdown.ts';
  const guide: GuideDocument;
  export default guide;
}
