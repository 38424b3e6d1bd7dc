/**
 * The core values every host and network construct shares: ports, peers, allowlists, access modes,
 * acknowledgements, errors, Terraform literals and the throwing network checks. Its subfolder `net/` is
 * the lowest layer (pure CIDR and range checks that import nothing else of ours); core re-exports it, so
 * other folders import `../core` only.
 */
export * from './net';
export * from './errors';
export * from './rdp-port';
export * from './peer';
export * from './rdp-allowlist';
export * from './acknowledge';
export * from './acknowledgements';
export * from './rdp-access';
export * from './terraform-literal';
export * from './network-checks';
