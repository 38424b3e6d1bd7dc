/**
 * Reads the inputs of `check`: a cdktf.out directory (every `stacks/<stack>/cdk.tf.json`), a
 * stack's folder, a Terraform JSON file, or `terraform show -json` plan output. A plan next to a
 * cdk.tf.json borrows that file's construct paths and acknowledgements. Problems are reported as
 * {@link InputError}s with a sentence that says what to pass instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DocumentKind, PolicyDocument } from './document';
import { detectKind, documentFromConfiguration, documentFromPlan, UnsupportedDocumentError } from './loaders';

/** An input path cannot be read or is not a Terraform JSON / plan document. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const STACK_FILE = 'cdk.tf.json';

/** Expands one input path into the JSON files to review. */
function expand(input: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new InputError(`${input}: no such file or directory. Pass a cdktf.out directory (run \`npm run synth\` first), a cdk.tf.json file or a plan JSON file.`);
  }
  if (stat.isFile()) return [input];
  if (!stat.isDirectory()) throw new InputError(`${input}: not a file or directory.`);
  const direct = path.join(input, STACK_FILE);
  if (fs.existsSync(direct)) return [direct];
  const stacksDir = path.join(input, 'stacks');
  const stacks = fs.existsSync(stacksDir)
    ? fs
        .readdirSync(stacksDir)
        .sort()
        .map((s) => path.join(stacksDir, s, STACK_FILE))
        .filter((f) => fs.existsSync(f))
    : [];
  if (stacks.length === 0) throw new InputError(`${input}: no ${STACK_FILE} found (looked in ${direct} and ${path.join(stacksDir, '*', STACK_FILE)}). Is it a cdktf.out directory?`);
  return stacks;
}

/** Largest input file `check` reads: 256 MiB (a 1,000-host stack's cdk.tf.json is a few MiB). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

function readJson(file: string): { json: unknown; text: string } {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_INPUT_BYTES) throw new InputError(`${file}: is ${Math.ceil(size / 1024 / 1024)} MiB, larger than the ${MAX_INPUT_BYTES / 1024 / 1024} MiB \`check\` reads.`);
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch (err) {
    throw new InputError(`${file}: is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
}

/** Reads every input path into documents; paths in reports are relative to `cwd`. */
export function loadDocuments(inputs: readonly string[], cwd: string = process.cwd()): PolicyDocument[] {
  const files = [...new Set(inputs.flatMap(expand).map((f) => path.resolve(cwd, f)))];
  const shown = (f: string): string => (path.relative(cwd, f) || f).split(path.sep).join('/');
  return files.map((file) => {
    const { json, text } = readJson(file);
    const kind = detectKind(json);
    try {
      if (kind === DocumentKind.CONFIGURATION) return documentFromConfiguration(json, { source: shown(file), text });
      if (kind === DocumentKind.PLAN) {
        const sibling = path.join(path.dirname(file), STACK_FILE);
        const companion = sibling !== file && fs.existsSync(sibling) ? documentFromConfiguration(readJson(sibling).json, { source: shown(sibling) }) : undefined;
        return documentFromPlan(json, { source: shown(file) }, companion);
      }
    } catch (err) {
      if (err instanceof UnsupportedDocumentError) throw new InputError(err.message);
      throw err;
    }
    throw new InputError(`${shown(file)}: is neither Terraform JSON (a \`resource\` block, as in cdk.tf.json) nor \`terraform show -json\` plan output.`);
  });
}
