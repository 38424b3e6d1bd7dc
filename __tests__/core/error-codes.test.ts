/**
 * Validation errors the configuration layer branches on carry a stable machine `code`
 * (constructs/core/errors.ts), so the layer never matches message prose; other errors carry none.
 */
import fc from 'fast-check';
import { RdpErrorCode, RdpValidationError } from '../../constructs';
import { checkClientCidr } from '../../constructs/aws/rdp-client-vpn';
import { checkBastionSubnetCidr } from '../../constructs/azure/rdp-bastion';
import { checkDistinctRange, checkGatewaySubnetCidr } from '../../constructs/azure/vpn-ranges';
import { checkNetworkCidr } from '../../constructs/core/network-checks';
import { checkOnPremisesCidrs } from '../../constructs/core/network-checks';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { problemsOf } from '../helpers/config-problems';

/** The error `fn` throws (fails the test when it does not throw one). */
function thrown(fn: () => unknown): RdpValidationError {
  try {
    fn();
  } catch (e) {
    if (RdpValidationError.isRdpValidationError(e)) return e;
    throw e;
  }
  throw new Error('expected an RdpValidationError, nothing was thrown');
}

const VPC = checkNetworkCidr('10.42.0.0/16', 'vpcCidr');

describe('error codes at the throw sites', () => {
  test('the codes are distinct strings', () => {
    const codes = Object.values(RdpErrorCode);
    expect(codes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test.each<[string, () => unknown, RdpErrorCode | undefined]>([
    ['a subnet outside its VPC', () => checkNetworkCidr('10.43.1.0/24', 'subnetCidr', VPC), RdpErrorCode.CIDR_OUTSIDE_RANGE],
    ['a malformed subnet', () => checkNetworkCidr('10.42.1.0/33', 'subnetCidr', VPC), undefined],
    ['a public subnet range', () => checkNetworkCidr('203.0.113.0/24', 'subnetCidr', VPC), undefined],
    ['a Bastion subnet narrower than /26', () => checkBastionSubnetCidr('10.42.254.0/27', '10.42.0.0/16'), RdpErrorCode.CIDR_TOO_SMALL],
    ['a Bastion subnet outside the address space', () => checkBastionSubnetCidr('10.99.0.0/26', '10.42.0.0/16'), RdpErrorCode.CIDR_OUTSIDE_RANGE],
    ['a GatewaySubnet narrower than /27', () => checkGatewaySubnetCidr('10.42.255.240/28', VPC), RdpErrorCode.CIDR_TOO_SMALL],
    ['a GatewaySubnet outside the address space', () => checkGatewaySubnetCidr('10.60.0.0/27', VPC), RdpErrorCode.CIDR_OUTSIDE_RANGE],
    ['a Client VPN pool overlapping the VPC', () => checkClientCidr('10.42.0.0/22', '10.42.0.0/16'), RdpErrorCode.CIDR_OVERLAP],
    ['a Client VPN pool that is too narrow', () => checkClientCidr('10.250.0.0/24', '10.42.0.0/16'), undefined],
    ['an on-premises range overlapping the VPC', () => checkOnPremisesCidrs(['192.168.0.0/24', '10.42.7.0/24'], '10.42.0.0/16'), RdpErrorCode.CIDR_OVERLAP],
    ['a public on-premises range', () => checkOnPremisesCidrs(['203.0.113.0/24'], '10.42.0.0/16'), undefined],
    ['a range overlapping a named one', () => checkDistinctRange('addressPool', '10.42.9.0/24', [{ label: 'the virtual network address space', cidr: '10.42.0.0/16' }]), RdpErrorCode.CIDR_OVERLAP],
  ])('%s', (_name, fn, code) => {
    const error = thrown(fn);
    expect(error.code).toBe(code);
    // The code is a property, never part of the message users read.
    if (code) expect(error.message).not.toContain(code);
  });

  test('a subnet gets CIDR_OUTSIDE_RANGE exactly when it is not inside the VPC', () => {
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 44 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 24 }), (second, third, prefix) => {
        const inside = second === 42;
        const cidr = `10.${second}.${third & (0xff << (24 - prefix)) & 0xff}.0/${prefix}`; // network form
        let code: RdpErrorCode | undefined | 'none' = 'none';
        try {
          checkNetworkCidr(cidr, 'subnetCidr', VPC);
        } catch (e) {
          code = (e as RdpValidationError).code;
        }
        expect(code).toBe(inside ? 'none' : RdpErrorCode.CIDR_OUTSIDE_RANGE);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the configuration layer reports coded problems on the right field', () => {
  const aws = DEFAULT_CONFIG.aws!;

  test('an AWS subnet outside the VPC: once, on network.subnetCidr', () => {
    const problems = problemsOf({ aws: { ...aws, network: { vpcCidr: '10.42.0.0/16', subnetCidr: '10.43.1.0/24' } } });
    const onSubnet = problems.filter((p) => p.field === 'aws.network.subnetCidr');
    expect(onSubnet).toHaveLength(1);
    expect(onSubnet[0].message).toMatch(/must lie inside 10\.42\.0\.0\/16/);
  });

  test('a malformed AWS subnet: its own problem only, not a containment problem', () => {
    const problems = problemsOf({ aws: { ...aws, network: { vpcCidr: '10.42.0.0/16', subnetCidr: '10.42.1.0/33' } } });
    const onSubnet = problems.filter((p) => p.field === 'aws.network.subnetCidr');
    expect(onSubnet).toHaveLength(1);
    expect(onSubnet[0].message).not.toMatch(/must lie inside/);
  });
});
