/**
 * Local state stays in the project root wherever cdktf writes its output: the backend path is relative
 * to the folder Terraform runs in (`<outdir>/stacks/<stack>/`) and resolves to
 * `<project root>/terraform.<stack>.tfstate`, for the default outdir, a nested one and one outside the project.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { localStatePath, projectRoot } from '../../stacks/state-backend';

const ROOT = path.join(__dirname, '..', '..');

describe('local state path', () => {
  test('the project root is the folder with cdktf.json, also from a subfolder', () => {
    expect(projectRoot(ROOT)).toBe(path.resolve(ROOT));
    expect(projectRoot(path.join(ROOT, 'stacks', 'config'))).toBe(path.resolve(ROOT));
  });

  test.each([['cdktf.out'], ['build/synth/out'], [path.join(os.tmpdir(), 'elsewhere', 'cdktf.out')]])('outdir %s: the path resolves to the project root', (outdir) => {
    const relative = localStatePath('aws-rdp-hosts', outdir, ROOT);
    expect(path.resolve(ROOT, outdir, 'stacks', 'aws-rdp-hosts', relative)).toBe(path.join(path.resolve(ROOT), 'terraform.aws-rdp-hosts.tfstate'));
  });

  test('the default outdir keeps the familiar ../../../ path', () => {
    expect(localStatePath('aws-rdp-hosts', 'cdktf.out', ROOT)).toBe('../../../terraform.aws-rdp-hosts.tfstate');
  });

  test('npm run synth with CDKTF_OUTDIR outside the project writes backends that point into the project root', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-state-outdir-'));
    try {
      const synth = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'synth.js')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CDKTF_OUTDIR: outdir }, encoding: 'utf8', timeout: 60_000 });
      expect(synth.status).toBe(0);
      for (const stack of ['aws-rdp-hosts', 'azure-rdp-hosts']) {
        const stackDir = path.join(outdir, 'stacks', stack);
        const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { terraform: { backend: { local: { path: string } } } };
        expect(path.resolve(stackDir, json.terraform.backend.local.path)).toBe(path.join(path.resolve(ROOT), `terraform.${stack}.tfstate`));
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
