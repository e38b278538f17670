/** The scenario format as JSON Schema, for editors (`public/scenario.schema.json`). */
import * as z from 'zod/mini';
import { guardSchema, nestedGuardSchemas, scenarioSchema } from './schema.ts';

/**
 * The checker builds conditions level by level to bound their depth; editors get one recursive definition
 * instead (`$defs.condition`), referred to wherever a condition goes, and the checker reports nesting
 * that goes too deep.
 */
const CONDITION_REF = '#/$defs/condition';

function toJson(schema: z.ZodMiniType, refer: Set<unknown>) {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (!refer.has(zodSchema)) return;
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      jsonSchema.$ref = CONDITION_REF;
    },
  });
}

export function scenarioJsonSchema(): string {
  const { $schema: _, ...condition } = toJson(guardSchema, new Set(nestedGuardSchemas));
  const schema = toJson(scenarioSchema, new Set([guardSchema, ...nestedGuardSchemas]));
  return JSON.stringify({ ...schema, title: 'Other Side of the Desk scenario', $id: 'scenario.schema.json', $defs: { condition } }, null, 2) + '\n';
}
