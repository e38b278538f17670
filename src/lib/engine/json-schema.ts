/** The scenario format as JSON Schema, for editors (`public/scenario.schema.json`). */
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...schema, title: 'Other Side of the Desk scenario', $id: 'scenario.schema.json' }, null, 2) + '\n';
}
