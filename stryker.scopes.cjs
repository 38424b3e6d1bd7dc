// The mutation run's scope (issue #20, docs/testing.md): the ONE place that lists the mutated modules and,
// per group, the unit tests that exercise them. `stryker.config.mjs` mutates the selected groups' `mutate` globs,
// `jest.mutation.config.js` runs their `tests`. `npm run test:mutation` (bin/mutation.ts) runs each group as its
// own Stryker run (STRYKER_SCOPE=<group>), so a group's mutants meet only that group's tests, then merges the
// reports. One group: `STRYKER_SCOPE=rules npm run test:mutation`. A module belongs to one group only.
'use strict';

/** @type {Record<string, { mutate: string[], tests: string[] }>} */
const scopes = {
  // allowlist, port and peer validation
  core: {
    mutate: [
      'constructs/core/net/cidr.ts',
      'constructs/core/net/network-cidr.ts',
      'constructs/core/rdp-port.ts',
      'constructs/core/rdp-allowlist.ts',
      'constructs/core/peer.ts',
    ],
    tests: ['core/rdp-port', 'core/rdp-allowlist', 'core/peer', 'core/*-boundaries'],
  },
  // config-level validation: the shared field checks
  config: {
    mutate: ['stacks/config/fields.ts'],
    tests: ['stacks/config', 'stacks/mutation-*'],
  },
  // the policy engine's network evaluation
  network: {
    mutate: ['policy/network/*.ts'],
    // Pure tests only (small JSON documents built inside each test; no synth, no construct import).
    tests: ['policy/reachability', 'policy/mutation-network*'],
  },
  // the policy engine's guest evaluation, its decision layer: the value model, the command model, the trusted-helper
  // matching, the derived settings and the verdicts. Pure tests over hand-written snippets only (docs/testing.md
  // "Group guest").
  guest: {
    mutate: ['policy/guest/values.ts', 'policy/guest/command-model.ts', 'policy/guest/trusted-helpers.ts', 'policy/guest/guest-state.ts', 'policy/guest/verdict.ts'],
    tests: ['policy/mutation-guest-*'],
  },
  // the guest evaluation's interpreter: the PowerShell reader and the evaluator. Same tests as `guest`; every test
  // runs the interpreter, so each of its survivors runs all of them (docs/testing.md "Group interpreter").
  interpreter: {
    mutate: ['policy/guest/powershell-syntax.ts', 'policy/guest/evaluate-script.ts'],
    tests: ['policy/mutation-guest-*'],
  },
  // every rule, and which scripts a plan delivers to a host and how their text is decoded (policy/guest/profile.ts,
  // script-text.ts: a mutant there can hide a weakening script from every guest rule)
  rules: {
    mutate: ['policy/rules/**/*.ts', '!policy/rules/**/index.ts', 'policy/guest/profile.ts', 'policy/guest/script-text.ts'],
    tests: ['policy/rules', 'policy/mutation-rules-*', 'policy/mutation-network', 'policy/mutation-guest-rules'],
  },
  // the hardening script renderer and the escaping of values into PowerShell literals (an injection boundary)
  script: {
    mutate: ['constructs/windows/render-hardening-script.ts', 'constructs/windows/hardening-script-functions.ts', 'constructs/windows/powershell-literal.ts'],
    tests: ['windows/mutation-*'],
  },
  // A quick check (a few minutes) of the policy modules issue #20 found weakest, against the mutation-* tests only.
  // Not part of the default run (its modules are in the groups above).
  focus: {
    mutate: [
      'policy/network/nsg.ts',
      'policy/network/sources.ts',
      'policy/guest/verdict.ts',
      'policy/rules/common/NoBroadRdpSource.ts',
      'policy/rules/common/GuestTlsFloor.ts',
      'policy/rules/common/GuestNlaRequired.ts',
    ],
    tests: ['policy/mutation-network', 'policy/mutation-guest-rules'],
  },
};

/** Groups that a run without STRYKER_SCOPE leaves out. */
const EXTRA = ['focus'];

/**
 * The names of the selected groups: `scope` (STRYKER_SCOPE, comma-separated group names) or every group but
 * the EXTRA ones. Throws on an unknown name.
 */
function selectedNames(scope = process.env.STRYKER_SCOPE) {
  const names = scope ? scope.split(',').map((n) => n.trim()).filter((n) => n !== '') : Object.keys(scopes).filter((n) => !EXTRA.includes(n));
  const unknown = names.filter((n) => !(n in scopes));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`STRYKER_SCOPE must name groups among ${Object.keys(scopes).join(', ')}, got "${unknown.join(', ') || scope}".`);
  }
  return names;
}

/** The selected groups: STRYKER_SCOPE (comma-separated group names) or all. */
function selected(scope = process.env.STRYKER_SCOPE) {
  return selectedNames(scope).map((n) => scopes[n]);
}

/** The report of `npm run test:mutation` (bin/mutation.ts): the groups' reports merged. */
const MERGED_REPORT = 'reports/mutation/mutation.json';

/** The JSON report a Stryker run of `scope` writes (stryker.config.mjs); MERGED_REPORT for a run of every group at once. */
function reportFile(scope = process.env.STRYKER_SCOPE) {
  return scope ? `reports/mutation/mutation-${scope.replace(/,/g, '-')}.json` : MERGED_REPORT;
}

module.exports = { scopes, selected, selectedNames, reportFile, MERGED_REPORT, EXTRA };
