import { OptimizerKind } from './optimizer-kind';

/**
 * Where a run of an optimizer is started outside its schedule: the optimizer's function (invoked
 * asynchronously with `{ "scheduledTime": <ISO-8601> }`), or the state machine of the
 * organization-wide storage run (started with the same input).
 */
export interface OptimizerRunTarget {
  /** The optimizer. */
  readonly kind: OptimizerKind;

  /**
   * The function to invoke.
   *
   * @default - none: the run is the state machine's
   */
  readonly functionArn?: string;

  /**
   * The state machine to start.
   *
   * @default - none: the run is the function's
   */
  readonly stateMachineArn?: string;
}
