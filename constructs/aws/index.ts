export * from './flow-log-retention';
export * from './rdp-network';
export * from './rdp-security-group';
export * from './rdp-host';
export * from './windows-ami';
