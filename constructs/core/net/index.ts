/**
 * The lowest layer: pure checks of addresses and network ranges (CIDR parsing, allowlist entries,
 * private network ranges) and the value rendering every error message uses. Imports nothing else of
 * ours; returns problems as sentences instead of throwing, so core/ and the config layer report them
 * under their own field names.
 */
export * from './show-value';
export * from './cidr';
export * from './network-cidr';
export * from './error-codes';
