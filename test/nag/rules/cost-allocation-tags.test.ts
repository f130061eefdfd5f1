import { Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { findings, newStack } from './utils';

const requiredTagKeys = ['cost-center', 'team'];

describe('FinOps-CostAllocationTags', () => {
  test('non-compliant: one finding per missing key, on every taggable resource', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Untagged');
    const halfTagged = new sns.Topic(stack, 'HalfTagged');
    Tags.of(halfTagged).add('team', 'data');
    expect(findings(stack, 'FinOps-CostAllocationTags', { requiredTagKeys })).toEqual([
      'FinOps-CostAllocationTags[cost-center] Test/Untagged/Resource',
      'FinOps-CostAllocationTags[cost-center] Test/HalfTagged/Resource',
      'FinOps-CostAllocationTags[team] Test/Untagged/Resource',
    ]);
  });

  test('compliant: keys set on a parent scope or on the L1 itself, in any tag format; resources that cannot be tagged are not judged', () => {
    const stack = newStack();
    Tags.of(stack).add('cost-center', 'cc-42');
    new s3.CfnBucket(stack, 'L1', { tags: [{ key: 'team', value: 'data' }] });
    new ssm.CfnParameter(stack, 'MapTags', { type: 'String', value: 'v', tags: { team: 'data' } });
    const topic = new sns.Topic(stack, 'Topic');
    Tags.of(topic).add('team', 'web');
    new sns.CfnTopicPolicy(stack, 'NotTaggable', { topics: [topic.topicArn], policyDocument: { Version: '2012-10-17', Statement: [] } });
    expect(findings(stack, 'FinOps-CostAllocationTags', { requiredTagKeys })).toEqual([]);
  });

  test('not applied when no key is required (the default)', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Untagged');
    expect(findings(stack, 'FinOps-CostAllocationTags')).toEqual([]);
  });
});
