import type { Scenario } from '../engine/schema.ts';

/** What the library shows of a scenario before its content is loaded. */
export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  seats: Scenario['seats'];
  minutes: number;
  tags: string[];
}

export function summarise(scenario: Scenario): ScenarioSummary {
  const { id, title, summary, seats, minutes, tags } = scenario;
  return { id, title, summary, seats, minutes, tags };
}
