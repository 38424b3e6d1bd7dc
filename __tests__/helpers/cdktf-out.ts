/** A cdktf.out-like folder for the `check` command's tests, in-process (cli/check) and through the real bin (cli/main). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Writes stacks (name → Terraform JSON) into a fresh cdktf.out-like folder and returns its path. */
export function cdktfOut(stacks: Record<string, object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-'));
  for (const [name, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ '//': { metadata: { stackName: name } }, ...json }, null, 2));
  }
  return dir;
}
