/**
 * A stack that uses our constructs needs one provider construct per Terraform provider the constructs
 * create resources for (aws; azurerm and random on Azure). The library never adds providers itself:
 * the app owns their configuration (region, subscription, aliases), and a provider added behind the
 * app's back would clash with one it adds later. Instead, a missing provider fails synth with an error
 * that names the construct to add and its import, checked once per stack when the stack is validated
 * (so the order in which the app adds providers and constructs does not matter).
 */
import { TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** How to add the provider construct for each Terraform provider our constructs use. */
export const PROVIDER_CONSTRUCTS: Readonly<Record<string, string>> = {
  aws: "new AwsProvider(stack, 'aws', { region: '…' }) (import { AwsProvider } from '@cdktf/provider-aws/lib/provider')",
  azurerm: "new AzurermProvider(stack, 'azurerm', { features: [{}] }) (import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider')",
  random: "new RandomProvider(stack, 'random') (import { RandomProvider } from '@cdktf/provider-random/lib/provider')",
};

const CHECKED_STACKS = new WeakSet<TerraformStack>();

/** The problems of `stack`: one line per provider our resources need and no provider construct declares. */
export function missingProviderProblems(stack: TerraformStack): string[] {
  const used = new Map<string, string>(); // provider name → first construct path that needs it
  const declared = new Set<string>();
  for (const node of stack.node.findAll()) {
    const name = (node as { terraformGeneratorMetadata?: { providerName?: string } }).terraformGeneratorMetadata?.providerName;
    if (!name) continue;
    if (TerraformProvider.isTerraformProvider(node)) declared.add(name);
    else if (TerraformResource.isTerraformResource(node) && name in PROVIDER_CONSTRUCTS && !used.has(name)) used.set(name, node.node.path);
  }
  return [...used]
    .filter(([name]) => !declared.has(name))
    .map(([name, path]) => `Stack '${stack.node.id}' has ${name} resources (e.g. ${path}) but no ${name} provider construct. Add ${PROVIDER_CONSTRUCTS[name]}.`);
}

/** Registers, once per stack, the validation that names each missing provider construct. */
export function requireProviderConstructs(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (CHECKED_STACKS.has(stack)) return;
  CHECKED_STACKS.add(stack);
  stack.node.addValidation({ validate: () => missingProviderProblems(stack) });
}
