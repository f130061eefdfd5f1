import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { OptimizationPipeline } from '../optimization/optimization-pipeline';
import type { OptimizerKind } from '../optimization/optimizer-kind';

/**
 * An escalation tier of the budget alert handler: where a notification goes once spend reaches
 * `minUtilization` percent of the budget. The highest tier reached wins.
 */
export interface AlertTier {
  /** The tier's name, sent as the `tier` message attribute, e.g. "emergency". */
  readonly name: string;

  /** The utilization, in percent of the budgeted amount, from which this tier applies. */
  readonly minUtilization: number;

  /**
   * The topic that receives this tier's escalations.
   *
   * @default - the budget's escalation topic, with a `tier` message attribute to filter on
   */
  readonly topic?: sns.ITopic;

  /**
   * A function invoked (asynchronously) with this tier's escalations, instead of or besides a topic.
   *
   * @default - no function
   */
  readonly targetFunction?: lambda.IFunction;

  /**
   * An optimization pipeline whose optimizers start once spend reaches this tier (and at every
   * higher tier): the alert handler invokes them asynchronously, or starts the organization-wide
   * storage run, as their schedule would, with the moment of the notification as the run's time.
   * The tier still escalates to its topic or function.
   *
   * @default - no optimizer is started
   */
  readonly startOptimizers?: OptimizationPipeline;

  /**
   * Which of `startOptimizers`' optimizers start.
   *
   * @default - every optimizer the pipeline runs
   */
  readonly optimizerKinds?: OptimizerKind[];
}

/**
 * Options of the alert handler Lambda that turns AWS Budgets notifications into tiered escalations.
 */
export interface BudgetAlertHandlerOptions {
  /**
   * The escalation tiers.
   *
   * @default - the seed's tiers: "analyze" from 70%, "optimize" from 80%, "emergency" from 90%
   */
  readonly tiers?: AlertTier[];

  /**
   * The topic for tiers that name none.
   *
   * @default - a new encrypted topic
   */
  readonly escalationTopic?: sns.ITopic;
}
