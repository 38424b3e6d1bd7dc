export * from './names';
export * from './windows-image';
export * from './rdp-network';
export * from './rdp-network-security-group';
export * from './rdp-key-vault';
export * from './admin-password';
export * from './rdp-host';
export * from './rdp-hardening-run-command';
