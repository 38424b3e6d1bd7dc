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
