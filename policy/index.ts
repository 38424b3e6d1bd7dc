/**
 * The plan-review engine: rules over synthesized Terraform JSON and plan JSON, packs, suppressions,
 * report renderers and the synth-time gate. Imports no provider binding and no cloud construct.
 */
export * from './aspect';
export * from './document';
export * from './engine';
export * from './files';
export * from './loaders';
export * from './packs/rdp-baseline';
export * from './report';
export * from './resource';
export * from './suppressions';
export * from './types';
export { UnresolvedValueError, UNKNOWN_AFTER_APPLY } from './values';
// Types the exported signatures mention (so users can name them).
export { BaselineError, parseBaseline } from './report/baseline';
export type { Baseline, BaselineFinding } from './report/baseline';
export { SourceKind } from './network/sources';
export type { ManagementPath } from './network/reachability';
export { SourceClass } from './network/reachability';
export type { PublicAddress } from './network/hosts';
export type { RecordedAcknowledgement } from '../contract';
