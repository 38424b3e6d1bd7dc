export * from './flow-log-retention';
export * from './rdp-network';
export * from './rdp-security-group';
export * from './rdp-host';
export * from './windows-ami';
export * from './client-vpn-authentication';
export * from './rdp-client-vpn';
export * from './rdp-site-to-site-vpn';
