import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { findings, newStack } from './utils';

describe('FinOps-EbsGp3', () => {
  test('non-compliant: gp2 volumes, volumes without a type (gp2 by default), gp2 in launch templates, instances and launch configurations', () => {
    const stack = newStack();
    new ec2.CfnVolume(stack, 'Gp2Volume', { availabilityZone: 'us-east-1a', size: 100, volumeType: 'gp2' });
    new ec2.CfnVolume(stack, 'DefaultVolume', { availabilityZone: 'us-east-1a', size: 100 });
    new ec2.LaunchTemplate(stack, 'Template', {
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { volumeType: ec2.EbsDeviceVolumeType.GP2 }) }],
    });
    new ec2.CfnInstance(stack, 'Instance', {
      imageId: 'ami-12345678',
      instanceType: 'm7g.large',
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 30, volumeType: 'gp2' } }],
    });
    new autoscaling.CfnLaunchConfiguration(stack, 'LaunchConfiguration', {
      imageId: 'ami-12345678',
      instanceType: 'm7g.large',
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 30, volumeType: 'gp2' } }],
    });
    expect(findings(stack, 'FinOps-EbsGp3')).toEqual([
      'FinOps-EbsGp3 Test/Gp2Volume',
      'FinOps-EbsGp3 Test/DefaultVolume',
      'FinOps-EbsGp3 Test/Template/Resource',
      'FinOps-EbsGp3 Test/Instance',
      'FinOps-EbsGp3 Test/LaunchConfiguration',
    ]);
  });

  test('compliant: gp3 volumes and launch templates', () => {
    const stack = newStack();
    new ec2.CfnVolume(stack, 'Gp3Volume', { availabilityZone: 'us-east-1a', size: 100, volumeType: 'gp3' });
    new ec2.LaunchTemplate(stack, 'Template', {
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    });
    expect(findings(stack, 'FinOps-EbsGp3')).toEqual([]);
  });
});
