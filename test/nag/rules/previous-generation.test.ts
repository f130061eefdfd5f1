import { CfnParameter } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { findings, newStack } from './utils';

describe('FinOps-PreviousGeneration', () => {
  test('non-compliant: previous-generation EC2 and RDS families, one finding per family', () => {
    const stack = newStack();
    new ec2.CfnInstance(stack, 'T2', { imageId: 'ami-12345678', instanceType: 't2.micro' });
    new ec2.CfnLaunchTemplate(stack, 'M4', { launchTemplateData: { instanceType: 'm4.large' } });
    new autoscaling.CfnLaunchConfiguration(stack, 'C4', { imageId: 'ami-12345678', instanceType: 'c4.xlarge' });
    new rds.CfnDBInstance(stack, 'DbR4', { dbInstanceClass: 'db.r4.large', engine: 'postgres', allocatedStorage: '20' });
    expect(findings(stack, 'FinOps-PreviousGeneration')).toEqual([
      'FinOps-PreviousGeneration[t2] Test/T2',
      'FinOps-PreviousGeneration[m4] Test/M4',
      'FinOps-PreviousGeneration[c4] Test/C4',
      'FinOps-PreviousGeneration[db.r4] Test/DbR4',
    ]);
  });

  test('compliant: current generations; parameterized types are not judged', () => {
    const stack = newStack();
    new ec2.CfnInstance(stack, 'T4g', { imageId: 'ami-12345678', instanceType: 't4g.micro' });
    new ec2.CfnLaunchTemplate(stack, 'M7g', { launchTemplateData: { instanceType: 'm7g.large' } });
    new rds.CfnDBInstance(stack, 'DbR6g', { dbInstanceClass: 'db.r6g.large', engine: 'postgres', allocatedStorage: '20' });
    new ec2.CfnInstance(stack, 'FromParameter', { imageId: 'ami-12345678', instanceType: new CfnParameter(stack, 'Type').valueAsString });
    expect(findings(stack, 'FinOps-PreviousGeneration')).toEqual([]);
  });
});
