import { CfnResource } from 'aws-cdk-lib';
import { CfnVPCEndpoint } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { ALWAYS_ON_COSTS, FREE_VPC_ENDPOINT_TYPE } from '../../core/limits/nag';
import { FinOpsRuleDefinition, resolved } from '../private/rule';

/**
 * Resources billed by the hour whatever their traffic (NAT gateways, interface endpoints, public
 * IPv4 addresses, transit gateway attachments, ...): a warning so the cost is a decision. The
 * finding names the type: "FinOps-AlwaysOnCost[AWS::EC2::NatGateway]".
 */
export function alwaysOnCost(node: CfnResource): NagRuleResult {
  const cost = ALWAYS_ON_COSTS.find((candidate) => candidate.resourceType === node.cfnResourceType);
  if (!cost) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (node instanceof CfnVPCEndpoint && (resolved(node, node.vpcEndpointType) ?? FREE_VPC_ENDPOINT_TYPE) === FREE_VPC_ENDPOINT_TYPE) {
    return NagRuleCompliance.COMPLIANT;
  }
  return [cost.resourceType];
}

export const ALWAYS_ON_COST: FinOpsRuleDefinition = {
  suffix: 'AlwaysOnCost',
  info: 'The resource bills every hour it exists, used or not.',
  explanation:
    'NAT gateways, interface VPC endpoints, public IPv4 addresses, transit gateway attachments, Client VPN endpoints, ' +
    'Network Firewall endpoints and Global Accelerator charge by the hour, per AZ or per attachment, before any traffic. ' +
    'Fix: share one per VPC or per account (e.g. a NAT gateway per VPC, not per AZ, outside production), use gateway endpoints for S3 and DynamoDB, ' +
    'or acknowledge the warning with the reason the cost is needed. https://aws.amazon.com/vpc/pricing/',
  level: NagMessageLevel.WARN,
  check: alwaysOnCost,
};
