#!/usr/bin/env node
'use strict';
// The main job: synthesize every example stack into cdktf.out/stacks/<stack>/cdk.tf.json.
// Used by `npm run synth` and by `cdktf synth` (cdktf.json "app"). Runs main.ts from a bundle with a V8
// code cache when it can (bin/synth-bundle.js), and otherwise transpile-only from the sources.
if (!require('./synth-bundle').runBundled()) {
  require('./register-ts');
  require('../main.ts');
}
