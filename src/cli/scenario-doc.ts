/** `npm run scenarios:doc`: writes docs/scenarios.md from the scenario files. */
import { writeFileSync } from 'node:fs';
import { loadLibrary } from './library.ts';
import { scenarioCatalogue } from './catalogue-doc.ts';

writeFileSync('docs/scenarios.md', scenarioCatalogue(loadLibrary()));
console.log('wrote docs/scenarios.md');
