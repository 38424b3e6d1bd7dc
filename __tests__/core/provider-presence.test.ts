/**
 * A stack that uses the constructs without the provider construct they need fails synth with an error
 * naming the construct and its import; per stack, whatever the order; aliased providers count.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsRdpNetwork, AzureAdminPassword, AzureRdpKeyVault, AzureRdpNetwork } from '../../constructs';
import { missingProviderProblems } from '../../constructs/compat/provider-presence';

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

function azureStack(app: App, id: string, providers: { azurerm?: boolean; random?: boolean }): TerraformStack {
  const stack = new TerraformStack(app, id);
  if (providers.azurerm) new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const network = new AzureRdpNetwork(stack, 'Network', { location: 'westeurope' });
  const keyVault = new AzureRdpKeyVault(stack, 'KeyVault', { resourceGroupName: network.resourceGroupName, location: network.location, deployerIpRanges: ['198.51.100.0/28'] });
  new AzureAdminPassword(stack, 'Password', { keyVault, secretName: 'admin' });
  if (providers.random) new RandomProvider(stack, 'random');
  return stack;
}

describe('provider constructs', () => {
  test('an AWS stack without AwsProvider: the error names it and its import', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'ops');
    new AwsRdpNetwork(stack, 'Network');
    expect(missingProviderProblems(stack)).toEqual([
      "Stack 'ops' has aws resources (e.g. ops/Network/Resource) but no aws provider construct. Add new AwsProvider(stack, 'aws', { region: '…' }) (import { AwsProvider } from '@cdktf/provider-aws/lib/provider').",
    ]);
    expect(synthError(app)).toContain("Add new AwsProvider(stack, 'aws'");
  });

  test('an Azure stack: each missing provider is named once, and nothing is missing when both are there (added in any order)', () => {
    const app = Testing.app();
    const none = azureStack(app, 'none', {});
    const noRandom = azureStack(app, 'no-random', { azurerm: true });
    const both = azureStack(app, 'both', { azurerm: true, random: true });
    expect(missingProviderProblems(none).map((p) => /no (\w+) provider/.exec(p)?.[1]).sort()).toEqual(['azurerm', 'random']);
    expect(missingProviderProblems(noRandom)).toEqual([expect.stringMatching(/^Stack 'no-random' has random resources \(e\.g\. no-random\/Password\/\S+\) but no random provider construct\. Add new RandomProvider\(stack, 'random'\)/)]);
    expect(missingProviderProblems(both)).toEqual([]);
    // Synth stops at the first stack that lacks providers, with every missing one named.
    const message = synthError(app);
    expect(message).toContain("Stack 'none' has azurerm resources");
    expect(message).toContain("Stack 'none' has random resources");
  });

  test('an aliased provider counts as the provider of its type', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'aliased');
    new AwsProvider(stack, 'aws-eu', { region: 'eu-west-1', alias: 'eu' });
    new AwsRdpNetwork(stack, 'Network');
    expect(missingProviderProblems(stack)).toEqual([]);
  });
});
