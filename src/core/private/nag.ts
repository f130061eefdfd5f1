import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';

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

/**
 * Also writes the acknowledgements into the resource's template metadata, in cdk-nag's
 * `cdk_nag.rules_to_suppress` form, for readers of the template alone (`finops-review`) that never
 * see the construct tree: used where the resource is not the library's own (aws-cdk-lib's shared
 * custom resource function), so that a reviewer sees why its finding stands.
 */
export function acknowledgeRulesInTemplate(resource: CfnResource, acknowledgements: RuleAcknowledgement[]): void {
  acknowledgeRules(resource, acknowledgements);
  const existing: RuleAcknowledgement[] = resource.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  const added = acknowledgements.filter((acknowledgement) => !existing.some((entry) => entry.id === acknowledgement.id));
  resource.addMetadata('cdk_nag', { rules_to_suppress: [...existing, ...added] });
}

/**
 * The id of cdk-nag's AwsSolutions-IAM5 finding for a wildcard resource ARN, spelled as cdk-nag
 * spells it (its `flattenCfnReference`: `{Ref: X}` as `<X>`, `{Fn::GetAtt: [X, Y]}` as `<X.Y>`,
 * `Fn::Join` joined, `Fn::Sub` with `${...}` as `<...>`), so that ARNs holding tokens (a bucket,
 * a parameter, a pseudo parameter) are acknowledged without anyone rebuilding the id by hand.
 */
export function wildcardResourceFindingId(scope: IConstruct, resourceArn: string): string {
  return `AwsSolutions::AwsSolutions-IAM5[Resource::${flattenLikeCdkNag(Stack.of(scope).resolve(resourceArn))}]`;
}

function flattenLikeCdkNag(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const intrinsic = node as Record<string, any>;
  if (Array.isArray(intrinsic['Fn::Join'])) {
    const [delimiter, parts] = intrinsic['Fn::Join'];
    return (parts as unknown[]).map(flattenLikeCdkNag).join(delimiter);
  }
  if (intrinsic['Fn::Sub'] !== undefined) return flattenLikeCdkNag(intrinsic['Fn::Sub']);
  if (Array.isArray(intrinsic['Fn::GetAtt'])) {
    const [resource, attribute] = intrinsic['Fn::GetAtt'];
    return `<${flattenLikeCdkNag(resource)}.${flattenLikeCdkNag(attribute)}>`;
  }
  if (intrinsic['Fn::ImportValue'] !== undefined) return flattenLikeCdkNag(intrinsic['Fn::ImportValue']);
  if (intrinsic.Ref !== undefined) return `<${flattenLikeCdkNag(intrinsic.Ref)}>`;
  return JSON.stringify(node);
}

/** A wildcard resource a library grant cannot avoid, and why it is as narrow as it can be. */
export interface GrantedWildcard {
  /** The resource ARN with its wildcard, as granted. */
  readonly resourceArn: string;
  /** Why the wildcard is needed and what bounds it: reviewers read this. */
  readonly reason: string;
}

/**
 * Acknowledges, on the grantee, the AwsSolutions-IAM5 finding of each wildcard resource a library
 * grant adds to the grantee's identity policy, so that a user's cdk-nag run stays clean without
 * acknowledging anything by hand. Only that exact resource is acknowledged: another wildcard the
 * user grants the same principal is still reported. A grantee that is not a construct (a service
 * principal, an account) has no identity policy here, hence nothing to acknowledge.
 */
export function acknowledgeGrantedWildcards(grantee: iam.IGrantable, wildcards: GrantedWildcard[]): void {
  const principal = grantee.grantPrincipal;
  if (!Construct.isConstruct(principal)) return;
  acknowledgeRules(principal, wildcards.map((wildcard) => ({
    id: wildcardResourceFindingId(principal, wildcard.resourceArn),
    reason: wildcard.reason,
  })));
}
