import { CfnResource } from 'aws-cdk-lib';
import { CfnLaunchConfiguration } from 'aws-cdk-lib/aws-autoscaling';
import { CfnInstance, CfnLaunchTemplate, CfnVolume } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { SUPERSEDED_EBS_VOLUME_TYPE } from '../../core/limits/nag';
import { FinOpsRuleDefinition, resolved } from '../private/rule';

/**
 * No gp2 EBS volume: AWS::EC2::Volume (gp2 is its default type), and the block device mappings of
 * launch templates, instances and launch configurations.
 */
export function ebsVolumesUseGp3(node: CfnResource): NagRuleResult {
  if (node instanceof CfnVolume) {
    const volumeType = resolved(node, node.volumeType);
    return volumeType === undefined || volumeType === SUPERSEDED_EBS_VOLUME_TYPE ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  }
  const mappings = blockDeviceMappings(node);
  if (mappings === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const usesGp2 = mappings.some((mapping) => mapping?.ebs?.volumeType === SUPERSEDED_EBS_VOLUME_TYPE);
  return usesGp2 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}

function blockDeviceMappings(node: CfnResource): any[] | undefined {
  if (node instanceof CfnLaunchTemplate) {
    return asArray(resolved(node, node.launchTemplateData)?.blockDeviceMappings);
  }
  if (node instanceof CfnInstance || node instanceof CfnLaunchConfiguration) {
    return asArray(resolved(node, node.blockDeviceMappings));
  }
  return undefined;
}

function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

export const EBS_GP3: FinOpsRuleDefinition = {
  suffix: 'EbsGp3',
  info: 'The EBS volume is gp2 (AWS::EC2::Volume defaults to gp2 when VolumeType is not set).',
  explanation:
    'gp3 costs about 20% less per GB than gp2 and includes 3,000 IOPS and 125 MiB/s at any size. ' +
    'Fix: set the volume type to gp3 (ec2.EbsDeviceVolumeType.GP3), adding iops/throughput only if the workload needs more. ' +
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html',
  level: NagMessageLevel.ERROR,
  check: ebsVolumesUseGp3,
};
