/** `npm run schema`: writes schema/schema.graphql from the Pothos schema (a test checks it is current). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './schema/index.ts';

export const SCHEMA_PATH = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

export function printedSchema(): string {
  return `# Generated from the Pothos schema by \`npm run schema\`. Do not edit.\n\n${printSchema(schema)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, printedSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
