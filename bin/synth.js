#!/usr/bin/env node
'use strict';
// The main job: synthesize every example stack into cdktf.out/stacks/<stack>/cdk.tf.json.
// Used by `npm run synth` and by `cdktf synth` (cdktf.json "app"). Runs main.ts transpile-only.
require('./register-ts');
require('../main.ts');
