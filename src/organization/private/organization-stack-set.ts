import { Annotations, CfnStackSet, Names, Stack } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { MemberTemplateStack } from './member-template-stack';
import { stackSetViolations } from './stack-set-rules';
import { failOnViolations, isUnresolved, RuleViolation } from '../../core/validation';
import { AccountFilter, MemberDeploymentTarget } from '../member-deployment-target';
import { CallAs, MemberStackSetOptions, StackSetConcurrencyMode } from '../member-stack-set-options';

const DEFAULT_MAX_CONCURRENT_PERCENTAGE = 25;
const DEFAULT_FAILURE_TOLERANCE_PERCENTAGE = 10;

/** What the StackSet deploys, to whom, and how. */
export interface OrganizationStackSetProps extends MemberStackSetOptions {
  readonly target: MemberDeploymentTarget;
  readonly description: string;
  /** The template's parameters and their values on the management side (tokens welcome). */
  readonly parameters: Record<string, string>;
  /** CAPABILITY_IAM / CAPABILITY_NAMED_IAM when the template declares IAM resources. */
  readonly capabilities: string[];
  /** The rules the construct itself checks, reported with the StackSet's in one error. */
  readonly violations: RuleViolation[];
}

/**
 * A service-managed StackSet with automatic deployment, built with aws-cdk-lib's `CfnStackSet`
 * from a template synthesized by a CDK stack ({@link MemberTemplateStack}).
 *
 * Why not cdklabs/cdk-stacksets: it is experimental (0.0.x), would become a dependency of every user
 * of this library in every jsii language, and what it adds over `CfnStackSet` is asset support through
 * per-region buckets, which member templates here do not need (roles and budgets have no assets). Its
 * one idea this needs, a stack synthesized as a file asset of its parent, is a few lines of
 * {@link MemberTemplateStack}; the validation it lacks is ours to add anyway.
 */
export class OrganizationStackSet extends Construct {
  /** The template deployed into every member account; declare its resources in it. */
  public readonly template: MemberTemplateStack;
  /** The StackSet resource. */
  public readonly resource: CfnStackSet;
  /** The StackSet's name. */
  public readonly stackSetName: string;

  constructor(scope: Construct, id: string, props: OrganizationStackSetProps) {
    super(scope, id);
    this.stackSetName = props.stackSetName ?? defaultStackSetName(this);
    const region = props.region ?? Stack.of(this).region;
    const settings = {
      stackSetName: this.stackSetName,
      callAs: props.callAs ?? CallAs.SELF,
      region,
      target: props.target,
      maxConcurrentPercentage: props.maxConcurrentPercentage ?? DEFAULT_MAX_CONCURRENT_PERCENTAGE,
      failureTolerancePercentage: props.failureTolerancePercentage ?? DEFAULT_FAILURE_TOLERANCE_PERCENTAGE,
      concurrencyMode: props.concurrencyMode ?? StackSetConcurrencyMode.SOFT_FAILURE_TOLERANCE,
    };
    failOnViolations(scope, [...props.violations, ...stackSetViolations(settings)]);
    if (!isUnresolved(region) && !RegionInfo.regions.some((known) => known.name === region)) {
      Annotations.of(scope).addWarningV2(
        '@finops-as-code/cdk-finops:unknownStackSetRegion',
        `The region "${region}" is not one aws-cdk-lib knows; check its spelling (a new region is fine)`,
      );
    }

    this.template = new MemberTemplateStack(this, 'MemberTemplate', props.description);
    const target = props.target;
    this.resource = new CfnStackSet(this, 'Resource', {
      stackSetName: this.stackSetName,
      description: props.description,
      permissionModel: 'SERVICE_MANAGED',
      callAs: settings.callAs,
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: props.retainStacksOnAccountRemoval ?? false },
      capabilities: props.capabilities.length > 0 ? props.capabilities : undefined,
      operationPreferences: {
        maxConcurrentPercentage: settings.maxConcurrentPercentage,
        failureTolerancePercentage: settings.failureTolerancePercentage,
        concurrencyMode: settings.concurrencyMode,
        regionConcurrencyType: 'PARALLEL',
      },
      parameters: Object.entries(props.parameters).map(([parameterKey, parameterValue]) => ({ parameterKey, parameterValue })),
      stackInstancesGroup: [{
        regions: [region],
        deploymentTargets: {
          organizationalUnitIds: target.organizationalUnitIds,
          accountFilterType: target.accountFilter === AccountFilter.NONE ? undefined : target.accountFilter,
          accounts: target.accountIds.length > 0 ? target.accountIds : undefined,
        },
      }],
      templateUrl: this.template.templateUrl,
    });
  }
}

/** A name from the construct path: letters, digits and hyphens, starting with a letter. */
function defaultStackSetName(scope: Construct): string {
  const name = Names.uniqueResourceName(scope, { maxLength: 120, separator: '-', allowedSpecialCharacters: '-' });
  return /^[a-zA-Z]/.test(name) ? name : `StackSet-${name}`;
}
