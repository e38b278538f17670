/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:scenario-index' {
  import type { Scenario } from './lib/engine/schema.ts';
  import type { ScenarioSummary } from './lib/scenarios/summary.ts';
  export const scenarioIndex: ScenarioSummary[];
  export const loaders: Record<string, () => Promise<{ default: Scenario }>>;
}

declare module 'virtual:authoring-guide' {
  import type { GuideDocument } from './lib/authoring/markdown.ts';
  const guide: GuideDocument;
  export default guide;
}
