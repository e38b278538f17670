/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:scenario-index' {
  import type { ScenarioSummary } from './lib/scenarios/summary.ts';
  export const scenarioIndex: ScenarioSummary[];
  import type { PlayScenario } from './lib/scenarios/commentary.ts';
  import type { Scenario } from './lib/engine/schema.ts';
  /**
   * Each scenario's play chunk: the scenario without its commentary, and `notes`, which loads the
   * commentary's chunk, whose default puts it into that scenario (in place) and returns it.
   */
  export const loaders: Record<string, () => Promise<{ default: PlayScenario; notes: () => Promise<{ default: (play: PlayScenario) => Scenario }> }>>;
}

declare module 'virtual:authoring-guide' {
  import type { GuideDocument } from './lib/authoring/markdown.ts';
  const guide: GuideDocument;
  export default guide;
}
