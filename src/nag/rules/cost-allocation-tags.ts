import { CfnResource, TagManager } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { FinOpsRuleDefinition, RuleContext } from '../private/rule';

/**
 * Every taggable resource carries the required cost allocation tag keys. Tags come from the
 * resource's tag manager, so both tags set on the L1 (or in an included template) and tags added
 * with `Tags.of(scope).add(...)` count. One finding per missing key: "FinOps-CostAllocationTags[<key>]".
 */
export function missingCostAllocationTags(node: CfnResource, context: RuleContext): NagRuleResult {
  const tags = TagManager.of(node);
  if (!tags || context.requiredTagKeys.length === 0) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const present = tags.tagValues();
  const missing = context.requiredTagKeys.filter((key) => !(key in present));
  return missing.length > 0 ? missing : NagRuleCompliance.COMPLIANT;
}

export const COST_ALLOCATION_TAGS: FinOpsRuleDefinition = {
  suffix: 'CostAllocationTags',
  info: 'The resource is missing a required cost allocation tag.',
  explanation:
    'Costs of untagged resources cannot be allocated to a team, product or cost center in Cost Explorer, budgets or the CUR. ' +
    'Fix: tag the resource or a parent scope, e.g. Tags.of(stack).add("<key>", "<value>"), and activate the key as a cost allocation tag. ' +
    'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/cost-alloc-tags.html',
  level: NagMessageLevel.ERROR,
  check: missingCostAllocationTags,
};
