import { App, Testing } from 'cdktf';
import { RdpValidationErrors } from '../../constructs';
import { buildStacks } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { RdpHostsConfig } from '../../stacks/config/schema';
import { stateKey } from '../../stacks/state-backend';
import { TerraformJson } from '../helpers/template';

/** Builds the stacks of a configuration and returns each stack's Terraform JSON by stack name. */
function stacksOf(config: unknown, only?: string): Map<string, TerraformJson> {
  const app: App = Testing.app();
  buildStacks(app, validateConfig(config, {}), only);
  const stacks = app.node.children.filter((c) => 'toTerraform' in c) as unknown as { node: { id: string }; toTerraform(): unknown }[];
  return new Map(stacks.map((s) => [s.node.id, JSON.parse(JSON.stringify(s.toTerraform())) as TerraformJson]));
}

const STATE = {
  s3: { bucket: 'acme-terraform-state', region: 'eu-west-1', kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000001' },
  azurerm: { storageAccountName: 'acmetfstate', containerName: 'tfstate' },
};

function twoEnvironments(): RdpHostsConfig {
  const dev = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
  const prod = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
  prod.aws.region = 'eu-central-1';
  prod.aws.network.availabilityZone = 'eu-central-1a';
  prod.aws.clientVpn.serverCertificateArn = prod.aws.clientVpn.serverCertificateArn.replace('eu-west-1', 'eu-central-1');
  prod.aws.clientVpn.clientRootCertificateChainArn = prod.aws.clientVpn.clientRootCertificateChainArn.replace('eu-west-1', 'eu-central-1');
  return { state: STATE, environments: { dev, prod } } as RdpHostsConfig;
}

describe('remote state per stack', () => {
  test('the default keeps a local state file outside cdktf.out', () => {
    for (const [id, json] of stacksOf(DEFAULT_CONFIG)) {
      expect(json.terraform).toMatchObject({ backend: { local: { path: `../../../terraform.${id}.tfstate` } } });
    }
  });

  test('AWS stacks use S3 with encryption and the native lock file; Azure stacks use azurerm with Entra ID auth', () => {
    const stacks = stacksOf({ ...DEFAULT_CONFIG, state: STATE });
    expect(stacks.get('aws-rdp-hosts')?.terraform).toMatchObject({
      backend: { s3: { bucket: 'acme-terraform-state', region: 'eu-west-1', encrypt: true, use_lockfile: true, kms_key_id: STATE.s3.kmsKeyId, key: 'secure-rdp-hosts/default/aws-rdp-hosts.tfstate' } },
    });
    const s3 = (stacks.get('aws-rdp-hosts')?.terraform as { backend: { s3: Record<string, unknown> } }).backend.s3;
    expect(s3.dynamodb_table).toBeUndefined();
    expect(s3.access_key ?? s3.secret_key).toBeUndefined();
    expect(stacks.get('azure-rdp-hosts')?.terraform).toMatchObject({
      backend: { azurerm: { storage_account_name: 'acmetfstate', container_name: 'tfstate', use_azuread_auth: true, key: 'secure-rdp-hosts/default/azure-rdp-hosts.tfstate' } },
    });
  });

  test('state keys are unique per stack and environment', () => {
    expect(stateKey(undefined, 'prod', 'aws-rdp-hosts-prod')).toBe('secure-rdp-hosts/prod/aws-rdp-hosts-prod.tfstate');
    const keys = [...stacksOf(twoEnvironments()).values()].map((json) => {
      const backend = (json.terraform as { backend: Record<string, { key: string }> }).backend;
      return Object.values(backend)[0].key;
    });
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual([
      'secure-rdp-hosts/dev/aws-rdp-hosts-dev.tfstate',
      'secure-rdp-hosts/dev/azure-rdp-hosts-dev.tfstate',
      'secure-rdp-hosts/prod/aws-rdp-hosts-prod.tfstate',
      'secure-rdp-hosts/prod/azure-rdp-hosts-prod.tfstate',
    ]);
  });
});

describe('environments', () => {
  test('each environment is its own set of stacks, from the same code', () => {
    const stacks = stacksOf(twoEnvironments());
    expect([...stacks.keys()].sort()).toEqual(['aws-rdp-hosts-dev', 'aws-rdp-hosts-prod', 'azure-rdp-hosts-dev', 'azure-rdp-hosts-prod']);
    expect((stacks.get('aws-rdp-hosts-prod')?.provider?.aws as Record<string, unknown>[])[0]).toMatchObject({ region: 'eu-central-1' });
    expect((stacks.get('aws-rdp-hosts-dev')?.provider?.aws as Record<string, unknown>[])[0]).toMatchObject({ region: 'eu-west-1' });
  });

  test('RDP_HOSTS_ENVIRONMENT selects one environment; an unknown one is an error naming the variable', () => {
    expect([...stacksOf(twoEnvironments(), 'prod').keys()].sort()).toEqual(['aws-rdp-hosts-prod', 'azure-rdp-hosts-prod']);
    expect(() => stacksOf(twoEnvironments(), 'staging')).toThrow(/`RDP_HOSTS_ENVIRONMENT` names no environment of the configuration\. Allowed: dev, prod/);
    expect(() => stacksOf(DEFAULT_CONFIG, 'prod')).toThrow(/`RDP_HOSTS_ENVIRONMENT` is set, but the configuration defines no environments/);
  });

  test('fails on mixing top-level sections with environments, an empty environment, and bad state settings', () => {
    const problems = (config: unknown) => {
      try {
        validateConfig(config, {});
        return [];
      } catch (e) {
        return (e as RdpValidationErrors).errors.map((err) => err.field);
      }
    };
    expect(problems({ ...twoEnvironments(), aws: DEFAULT_CONFIG.aws })).toEqual(['environments']);
    expect(problems({ environments: { dev: {} } })).toEqual(['environments.dev']);
    expect(problems({ ...DEFAULT_CONFIG, state: { s3: { bucket: 'Bad_Bucket', region: 'eu-west-1' } } })).toEqual(['state.s3.bucket']);
    expect(problems({ ...DEFAULT_CONFIG, state: { azurerm: { storageAccountName: 'acmetfstate', containerName: 'tfstate', accessKey: 'x' } } })).toEqual(['state.azurerm.accessKey']);
  });
});
