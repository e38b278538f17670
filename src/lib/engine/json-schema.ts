/** The scenario format as JSON Schema, for editors (`public/scenario.schema.json`). */
import * as z from 'zod/mini';
import { scenarioSchema } from './schema.ts';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...schema, title: 'Other Side of the Desk scenario', $id: 'scenario.schema.json' }, null, 2) + '\n';
}
