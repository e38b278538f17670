/** `npm run schema`: writes the scenario format's JSON Schema to public/scenario.schema.json. */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from './json-schema.ts';

writeFileSync('public/scenario.schema.json', scenarioJsonSchema());
console.log('wrote public/scenario.schema.json');
