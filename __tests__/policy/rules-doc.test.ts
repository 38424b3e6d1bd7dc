/** docs/RULES.md is generated from the pack; this fails when someone forgets `npm run docs:rules`. */
import * as fs from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../../policy/docs/rules-markdown';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';

test('docs/RULES.md equals the table generated from the pack (run `npm run docs:rules`)', () => {
  const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'RULES.md'), 'utf8');
  expect(committed).toBe(rulesMarkdown(RdpBaselinePack));
});

test('every rule appears once, with its ID, cause and fix', () => {
  const doc = rulesMarkdown(RdpBaselinePack);
  for (const r of RdpBaselinePack.rules) {
    expect(doc.split(`| \`${r.id}\`<br>${r.rule.name} |`).length - 1).toBe(1);
    expect(doc).toContain(r.remediation.replace(/\|/g, '\\|'));
  }
});
