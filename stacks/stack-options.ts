import { StateConfig } from './config/state-config';

/** Options every example stack takes besides its cloud section. */
export interface RdpStackOptions {
  /**
   * Where the stack keeps its Terraform state.
   * @default - a local state file in the project root
   */
  readonly state?: StateConfig;
  /**
   * The environment the stack belongs to (part of its state key).
   * @default - none: a single-environment configuration
   */
  readonly environment?: string;
}
