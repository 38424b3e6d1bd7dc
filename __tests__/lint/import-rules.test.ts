import { ESLint } from 'eslint';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

async function ruleMessages(code: string, filePath: string): Promise<string[]> {
  // The project's own flat config, passed in directly (jest cannot run ESLint's dynamic config import).
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: require(path.join(ROOT, 'eslint.config.js')) });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint rules that guard the architecture', () => {
  test.each(['@cdktf/provider-aws', '@cdktf/provider-azurerm'])('the package root %s is refused everywhere', async (pkg) => {
    for (const file of ['constructs/aws/x.ts', 'stacks/x.ts', '__tests__/x.test.ts', 'main.ts']) {
      expect(await ruleMessages(`import { instance } from '${pkg}';\nexport const x = instance;\n`, file)).toEqual([expect.stringMatching(/Deep-import/)]);
    }
  });

  test('a deep import is fine', async () => {
    expect(await ruleMessages("import { Instance } from '@cdktf/provider-aws/lib/instance';\nexport const x = Instance;\n", 'constructs/aws/x.ts')).toEqual([]);
  });

  test('constructs/ may not import stacks/', async () => {
    expect(await ruleMessages("import { buildStacks } from '../../stacks/app';\nexport const x = buildStacks;\n", 'constructs/aws/x.ts')).toEqual([expect.stringMatching(/constructs\/ must not import stacks/)]);
  });

  test('policy/ may not import provider bindings or cloud constructs', async () => {
    expect(await ruleMessages("import { Instance } from '@cdktf/provider-aws/lib/instance';\nexport const x = Instance;\n", 'policy/x.ts')).toEqual([expect.stringMatching(/policy\/ reads synthesized JSON/)]);
    expect(await ruleMessages("import { AwsRdpHost } from '../constructs';\nexport const x = AwsRdpHost;\n", 'policy/x.ts')).toEqual([expect.stringMatching(/policy\/ must not import cloud constructs/)]);
  });
});

describe('lint rules that guard the layers (eslint.config.js, docs/architecture.md)', () => {
  const code = (from: string) => `import { x } from '${from}';\nexport const y = x;\n`;
  test.each([
    ['constructs/core/net/x.ts', '../errors', /lowest layer/],
    ['constructs/core/net/x.ts', '../../windows', /lowest layer/],
    ['constructs/core/net/x.ts', '../../contract', /lowest layer/],
    ['constructs/core/x.ts', '../windows', /constructs\/core imports no other folder of constructs/],
    ['constructs/core/x.ts', '../host', /constructs\/core imports no other folder of constructs/],
    ['constructs/windows/x.ts', '../host', /constructs\/windows may import only core \(/],
    ['constructs/host/x.ts', '../aws', /constructs\/host may import only windows, core \(/],
    ['constructs/aws/x.ts', '../azure', /constructs\/aws may import only host/],
    ['constructs/azure/x.ts', '../aws', /constructs\/azure may import only host/],
    ['constructs/aws/x.ts', '../core/errors', /through its index/],
    ['constructs/azure/x.ts', '../core/net', /through its index/],
    ['constructs/host/x.ts', '../windows/rdp-hardening-profile', /through its index/],
    ['stacks/x.ts', '../constructs/core/errors', /through its index/],
    ['stacks/config/x.ts', '../../constructs/core/net/cidr', /through its index/],
    ['cli/x.ts', '../constructs', /cli\/ must not import constructs/],
    ['cli/probe/x.ts', '../../constructs/core', /cli\/ must not import constructs/],
    ['policy/x.ts', '../constructs/core', /policy\/ must not import cloud constructs/],
  ])('%s importing %s is refused', async (file, from, message) => {
    expect(await ruleMessages(code(from), file)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  test.each([
    ['constructs/core/x.ts', './net'],
    ['constructs/core/x.ts', './errors'],
    ['constructs/core/x.ts', '../core/acknowledge'],
    ['constructs/host/x.ts', '../windows'],
    ['constructs/aws/x.ts', '../host'],
    ['constructs/aws/x.ts', './rdp-network'],
    ['stacks/config/x.ts', '../../constructs/core'],
    ['stacks/x.ts', '../constructs'],
  ])('%s importing %s is fine', async (file, from) => {
    expect(await ruleMessages(code(from), file)).toEqual([]);
  });
});
