// The mutation run's scope (issue #20, docs/testing.md): the ONE place that lists the mutated modules and,
// per group, the unit tests that exercise them. `stryker.config.mjs` mutates the groups' `mutate` globs,
// `jest.mutation.config.js` runs their `tests`. A sub-run takes one group: `STRYKER_SCOPE=rules npm run test:mutation`;
// without STRYKER_SCOPE the run covers every group.
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
    tests: ['policy/rules', 'policy/reachability', 'policy/mutation-*', 'azure/nsg-priorities'],
  },
  // the policy engine's guest evaluation: the PowerShell reader, the evaluator, its value model and command model, the
  // trusted-helper matching, the derived settings and the verdicts (not profile.ts / script-text.ts: which resources carry
  // a script and how its text is decoded; see docs/testing.md "Group guest"). Pure tests over hand-written snippets only.
  guest: {
    mutate: [
      'policy/guest/powershell-syntax.ts',
      'policy/guest/evaluate-script.ts',
      'policy/guest/values.ts',
      'policy/guest/command-model.ts',
      'policy/guest/trusted-helpers.ts',
      'policy/guest/guest-state.ts',
      'policy/guest/verdict.ts',
    ],
    tests: ['policy/mutation-guest-*'],
  },
  // every rule
  rules: {
    mutate: ['policy/rules/**/*.ts', '!policy/rules/**/index.ts'],
    tests: ['policy/rules', 'policy/drift-correction', 'policy/mutation-*'],
  },
  // the hardening script renderer
  script: {
    mutate: ['constructs/windows/render-hardening-script.ts', 'constructs/windows/hardening-script-functions.ts'],
    tests: ['windows/render-hardening-script', 'windows/hardening-script-syntax', 'windows/mutation-*'],
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
    tests: ['policy/mutation-*'],
  },
};

/** Groups that a run without STRYKER_SCOPE leaves out. */
const EXTRA = ['focus'];

/** The selected groups: STRYKER_SCOPE (comma-separated group names) or all. */
function selected() {
  const names = process.env.STRYKER_SCOPE ? process.env.STRYKER_SCOPE.split(',') : Object.keys(scopes).filter((n) => !EXTRA.includes(n));
  const unknown = names.filter((n) => !(n in scopes));
  if (unknown.length > 0) {
    throw new Error(`STRYKER_SCOPE must name groups among ${Object.keys(scopes).join(', ')}, got "${unknown.join(', ')}".`);
  }
  return names.map((n) => scopes[n]);
}

module.exports = { scopes, selected };
