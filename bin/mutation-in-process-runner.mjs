// Stryker test runner plugin `in-process` (stryker.config.mjs): the runner is bin/mutation-in-process.js, a
// CommonJS module so that jest can test it; this file hands it Stryker's API (an ES module).
//
// `STRYKER_TEST_RUNNER=jest-covering-files npm run test:mutation` runs the previous runner (a jest run per
// mutant, bin/mutation-test-runner.mjs) for comparison.
import { createRequire } from 'node:module';
import { declareFactoryPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { DryRunStatus, MutantRunStatus, TestStatus, determineHitLimitReached } from '@stryker-mutator/api/test-runner';
import { INSTRUMENTER_CONSTANTS } from '@stryker-mutator/api/core';

const { InProcessTestRunner } = createRequire(import.meta.url)('./mutation-in-process.js');

const api = { DryRunStatus, MutantRunStatus, TestStatus, determineHitLimitReached, namespace: INSTRUMENTER_CONSTANTS.NAMESPACE };

function inProcessTestRunnerFactory() {
  return new InProcessTestRunner({ api });
}
inProcessTestRunnerFactory.inject = [];

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'in-process', inProcessTestRunnerFactory)];
