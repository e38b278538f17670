/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:scenario-index' {
  import type { ScenarioSummary } from './lib/scenarios/summary.ts';
  export const scenarioIndex: ScenarioSummary[];
  import type { PlayScenario } from './lib/scenarios/commentary.ts';
  import type { Scenario } from './lib/engine/schema.ts';
  /**
   * Each scenario's play chunk: the scenario without its commentary; `coach`, which loads the coach's part
   * once and puts it into that scenario (in place); `complete`, which does so with both parts and resolves
   * to the whole scenario.
   */
  export const loaders: Record<string, () => Promise<{ default: PlayScenario; coach: () => Promise<Scenario>; complete: () => Promise<Scenario> }>>;
}

declare module 'virtual:authoring-guide' {
  import type { GuideDocument } from './lib/authoring/markdown.ts';
  const guide: GuideDocument;
  export default guide;
}
