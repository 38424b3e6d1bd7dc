/**
 * The test suite's only touch-point with cdktf's testing API, so a move to the cdktn fork
 * changes one file. Tests read synthesized JSON through these helpers, never by hand.
 */
import { TerraformStack, Testing } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';

/** Synthesized Terraform JSON of one stack. */
export type TerraformJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
  [key: string]: unknown;
};

/** A fresh stack in a test app (deterministic version stamps, temp outdir). */
export function testStack(id = 'test'): TerraformStack {
  return new TerraformStack(Testing.app(), id);
}

/**
 * Synthesizes a stack as cdktf's Testing.synth does (metadata stripped, keys sorted) and parses it.
 * @param runValidations also run cdktf's stack validations (e.g. provider presence) @default false
 */
export function synthJson(stack: TerraformStack, runValidations = false): TerraformJson {
  return JSON.parse(Testing.synth(stack, runValidations)) as TerraformJson;
}

/**
 * The stack's Terraform JSON with its `"//"` metadata (construct paths, acknowledgements), as it is
 * written to cdk.tf.json. Aspects run first, as in a real synth; stack validations do not.
 */
export function fullSynthJson(stack: TerraformStack): TerraformJson {
  invokeAspects(stack);
  return JSON.parse(JSON.stringify(stack.toTerraform())) as TerraformJson;
}

/** The resources of one Terraform type, keyed by their logical name. */
export function resourcesOf(json: TerraformJson, type: string | { tfResourceType: string }): Record<string, Record<string, unknown>> {
  const key = typeof type === 'string' ? type : type.tfResourceType;
  return json.resource?.[key] ?? {};
}

/** The bodies of every resource of one Terraform type. */
export function bodiesOf(json: TerraformJson, type: string | { tfResourceType: string }): Record<string, unknown>[] {
  return Object.values(resourcesOf(json, type));
}

/** The single resource of a type; fails the test when there are none or several. */
export function onlyResourceOf(json: TerraformJson, type: string | { tfResourceType: string }): Record<string, unknown> {
  const bodies = bodiesOf(json, type);
  if (bodies.length !== 1) {
    throw new Error(`expected exactly one ${typeof type === 'string' ? type : type.tfResourceType}, found ${bodies.length}`);
  }
  return bodies[0];
}

/** The data sources of one Terraform type. */
export function dataOf(json: TerraformJson, type: string | { tfResourceType: string }): Record<string, Record<string, unknown>> {
  const key = typeof type === 'string' ? type : type.tfResourceType;
  return json.data?.[key] ?? {};
}
