import { Fn } from 'cdktf';
import { RdpPort } from '../constructs';

/** The `secure-rdp-hosts probe` command line for a host address and port (a Terraform expression when the address is a reference). */
export function probeCommand(address: string, port: RdpPort): string {
  return Fn.join('', ['npx secure-rdp-hosts probe ', address, `:${port.number}`]);
}
