/**
 * The plan-annotation contract (contract/) is the one place both sides of the plan take their
 * spelling from: it must stay dependency-free, and what the constructs accept as an acknowledgement
 * must be exactly what the policy engine accepts as a suppression.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { ACKNOWLEDGEMENT_ID_PATTERN, isIsoDate, MIN_REASON_LENGTH, parseAccessMode, AccessMode } from '../../contract';
import { Acknowledge } from '../../constructs/core/acknowledge';
import { suppressionProblems } from '../../policy/suppressions';

const CONTRACT_DIR = path.join(__dirname, '..', '..', 'contract');

test('contract/ imports nothing outside itself, not even Node built-ins', () => {
  const outside: string[] = [];
  for (const file of fs.readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(CONTRACT_DIR, file), 'utf8');
    for (const m of source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) {
      if (!m[1].startsWith('./')) outside.push(`${file}: ${m[1]}`);
    }
  }
  expect(outside).toEqual([]);
});

/** Whether the constructs accept the acknowledgement (Acknowledge.risk throws on a bad one). */
function constructsAccept(id: string, reason: string, expires?: string): boolean {
  try {
    Acknowledge.risk(id, reason, expires === undefined ? {} : { expires });
    return true;
  } catch {
    return false;
  }
}

const idArb = fc.oneof(
  fc.constantFrom('RDP-NET-PUBLIC-IP', 'RDP-AZ-SUBNET-NSG', 'RDP', 'rdp-net-public-ip', 'RDP--X', 'RDP-', '-RDP-X', 'R1-2', ''),
  fc.stringMatching(/^[A-Za-z0-9-]{0,12}$/),
);
const reasonArb = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('   short   ', 'exactly10!', ' nine char', 'a'.repeat(MIN_REASON_LENGTH - 1), `${' '.repeat(5)}${'b'.repeat(MIN_REASON_LENGTH)}`));
const expiresArb = fc.option(fc.constantFrom('2026-12-31', '2026-02-30', '2026-1-01', 'tomorrow', '2024-02-29', '2023-02-29'), { nil: undefined });

test('the constructs accept an acknowledgement exactly when the policy engine accepts it as a suppression', () => {
  fc.assert(
    fc.property(idArb, reasonArb, expiresArb, (id, reason, expires) => {
      const policyAccepts = suppressionProblems({ id, reason, ...(expires === undefined ? {} : { expires }) }).length === 0;
      expect(constructsAccept(id, reason, expires)).toBe(policyAccepts);
      expect(policyAccepts).toBe(ACKNOWLEDGEMENT_ID_PATTERN.test(id) && reason.trim().length >= MIN_REASON_LENGTH && (expires === undefined || isIsoDate(expires)));
    }),
    { seed: 20261130, numRuns: 300 },
  );
});

test('an access mode is read back only when it is one of the contract values', () => {
  expect(Object.values(AccessMode).map(parseAccessMode)).toEqual(Object.values(AccessMode));
  for (const other of ['VPN-ONLY', 'vpn_only', '', undefined, null, 1, {}]) expect(parseAccessMode(other)).toBeUndefined();
});
