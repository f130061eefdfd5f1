import { ALWAYS_ON_COST } from './always-on-cost';
import { BUDGET_DECLARED } from './budget-declared';
import { BUDGET_NOTIFIES } from './budget-notifies';
import { COST_ALLOCATION_TAGS } from './cost-allocation-tags';
import { EBS_GP3 } from './ebs-gp3';
import { LAMBDA_ON_ARM64 } from './lambda-arm64';
import { LOG_GROUP_RETENTION } from './log-group-retention';
import { PREVIOUS_GENERATION } from './previous-generation';
import { S3_LIFECYCLE } from './s3-lifecycle';
import { FINOPS_PACK_NAME, FinOpsRuleDefinition } from '../private/rule';

/** Every rule of the FinOps pack, in the order findings are reported. */
export const FINOPS_RULES: readonly FinOpsRuleDefinition[] = [
  COST_ALLOCATION_TAGS,
  BUDGET_DECLARED,
  BUDGET_NOTIFIES,
  LOG_GROUP_RETENTION,
  S3_LIFECYCLE,
  EBS_GP3,
  PREVIOUS_GENERATION,
  ALWAYS_ON_COST,
  LAMBDA_ON_ARM64,
];

/** The rule a finding belongs to: "FinOps-<suffix>" or "FinOps-<suffix>[<detail>]". */
export function ruleOfFinding(ruleName: string): FinOpsRuleDefinition | undefined {
  const suffix = ruleName.replace(`${FINOPS_PACK_NAME}-`, '').replace(/\[.*\]$/, '');
  return FINOPS_RULES.find((rule) => rule.suffix === suffix);
}
