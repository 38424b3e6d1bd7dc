/**
 * The plan-annotation contract between the constructs (which write the synthesized plan) and the
 * policy engine (which reads it). Dependency-free: it imports nothing, so both sides can import it
 * without importing each other.
 */
export * from './plan-annotations';
export * from './risk-ids';
