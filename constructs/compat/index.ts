/**
 * Where the library meets the Terraform provider packages: the provider-major differences
 * (`providers.ts`, replaced by the cdktn flavour) and the check that a stack declares the provider
 * constructs our resources need (`provider-presence.ts`).
 */
export * from './providers';
export * from './provider-presence';
