import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A rule of a policy validation pack (e.g. cdk-nag) this library's resource cannot satisfy, and why. */
export interface RuleAcknowledgement {
  /** The rule, or one finding of it, e.g. "AwsSolutions-IAM5[Resource::*]". */
  readonly id: string;
  /** Why the finding is acceptable here: reviewers read this. */
  readonly reason: string;
}

/**
 * Acknowledges findings on the construct through aws-cdk-lib's native `Validations` API, which
 * cdk-nag v3 and other policy validation plugins read: the library needs no dependency on cdk-nag
 * and every user sees the same reasons.
 */
export function acknowledgeRules(construct: IConstruct, acknowledgements: RuleAcknowledgement[]): void {
  Validations.of(construct).acknowledge(...acknowledgements);
}
