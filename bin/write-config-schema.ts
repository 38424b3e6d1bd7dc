/**
 * Writes rdp-hosts.schema.json, the configuration file's JSON Schema, generated from the validator
 * (stacks/config/schema.ts). `npm run schema`; a test fails when the committed file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchema } from '../stacks/config/schema';

/** Where the published schema lives. */
export const SCHEMA_FILE = path.join(__dirname, '..', 'rdp-hosts.schema.json');

/** The schema file's exact text. */
export function renderSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

if (require.main === module || process.argv[1] === __filename) {
  fs.writeFileSync(SCHEMA_FILE, renderSchema());
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}
