/**
 * Writes docs/RULES.md from the RdpBaseline pack (`npm run docs:rules`). A unit test fails when the
 * committed file differs from what this writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../policy/docs/rules-markdown';
import { RdpBaselinePack } from '../policy/packs/rdp-baseline';

const target = path.join(__dirname, '..', 'docs', 'RULES.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, rulesMarkdown(RdpBaselinePack));
process.stdout.write(`Wrote ${path.relative(process.cwd(), target)} (${RdpBaselinePack.rules.length} rules)\n`);
