/**
 * Stable machine codes of validation errors, for callers that branch on the kind of problem (the
 * configuration layer, tests, your own tooling) instead of on the message wording, which may change.
 * Only the problems someone branches on have a code; any other error has none.
 */
export const RdpErrorCode = {
  /** A range lies (partly) outside the range that must contain it: a subnet outside its VPC or address space. */
  CIDR_OUTSIDE_RANGE: 'cidr-outside-range',
  /** A range overlaps a range it must stay apart from: a VPN client pool or on-premises range and the VPC. */
  CIDR_OVERLAP: 'cidr-overlap',
  /** A range is too small for what it holds: AzureBastionSubnet narrower than /26, GatewaySubnet narrower than /27. */
  CIDR_TOO_SMALL: 'cidr-too-small',
} as const;

/** One of the {@link RdpErrorCode} values. */
export type RdpErrorCode = (typeof RdpErrorCode)[keyof typeof RdpErrorCode];
