import { CfnResource } from 'aws-cdk-lib';
import { CfnLaunchConfiguration } from 'aws-cdk-lib/aws-autoscaling';
import { CfnInstance, CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { PREVIOUS_GENERATION_EC2_FAMILIES, PREVIOUS_GENERATION_RDS_CLASSES } from '../../core/limits/nag';
import { FinOpsRuleDefinition, isLiteral, resolved } from '../private/rule';

/**
 * No previous-generation instance family on EC2 instances, launch templates, launch
 * configurations and RDS DB instances. Instance types given as parameters or references are not
 * judged. The finding names the family: "FinOps-PreviousGeneration[m4]".
 */
export function currentGenerationInstances(node: CfnResource): NagRuleResult {
  if (node instanceof CfnDBInstance) {
    return judge(rdsClassFamily(resolved(node, node.dbInstanceClass)), PREVIOUS_GENERATION_RDS_CLASSES);
  }
  if (node instanceof CfnInstance || node instanceof CfnLaunchConfiguration) {
    return judge(ec2Family(resolved(node, node.instanceType)), PREVIOUS_GENERATION_EC2_FAMILIES);
  }
  if (node instanceof CfnLaunchTemplate) {
    return judge(ec2Family(resolved(node, node.launchTemplateData)?.instanceType), PREVIOUS_GENERATION_EC2_FAMILIES);
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}

function judge(family: string | undefined, previousGenerations: readonly string[]): NagRuleResult {
  if (family === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return previousGenerations.includes(family) ? [family] : NagRuleCompliance.COMPLIANT;
}

/** "m4.large" → "m4". */
function ec2Family(instanceType: unknown): string | undefined {
  return isLiteral(instanceType) ? instanceType.split('.')[0] : undefined;
}

/** "db.m4.large" → "db.m4". */
function rdsClassFamily(instanceClass: unknown): string | undefined {
  return isLiteral(instanceClass) ? instanceClass.split('.').slice(0, 2).join('.') : undefined;
}

export const PREVIOUS_GENERATION: FinOpsRuleDefinition = {
  suffix: 'PreviousGeneration',
  info: 'The instance uses a previous-generation EC2 or RDS instance family.',
  explanation:
    'Newer generations cost less for the same capacity (t2 → t3/t4g, m4 → m5/m7g, c4 → c5/c7g, r4 → r5/r7g, db.m4 → db.m6g, db.t2 → db.t4g). ' +
    'Fix: move to the current generation of the family; Graviton (g) families cost less again. ' +
    'https://aws.amazon.com/ec2/previous-generation/ https://aws.amazon.com/rds/previous-generation/',
  level: NagMessageLevel.ERROR,
  check: currentGenerationInstances,
};
