/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:scenario-index' {
  import type { ScenarioSummary } from './lib/scenarios/summary.ts';
  export const scenarioIndex: ScenarioSummary[];
  import type { PlayScenario } from './lib/scenarios/commentary.ts';
  import type { Scenario } from './lib/engine/schema.ts';
  /**
   * Each scenario's play chunk: the scenario without its commentary, and `complete`, which loads the
   * commentary's chunk once, puts the commentary into that scenario (in place) and resolves to it.
   */
  export const loaders: Record<string, () => Promise<{ default: PlayScenario; complete: () => Promise<Scenario> }>>;
}

declare module 'virtual:authoring-guide' {
  import type { GuideDocument } from './lib/authoring/markdown.ts';
  const guide: GuideDocument;
  export default guide;
}
