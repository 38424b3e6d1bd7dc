export * from './errors';
export * from './rdp-port';
export * from './peer';
export * from './rdp-allowlist';
export * from './acknowledge';
export * from './rdp-access';
export * from './terraform-literal';
