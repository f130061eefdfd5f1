import { Template } from 'aws-cdk-lib/assertions';
import { buildFinOpsApp } from '../../examples/finops-stack';
import { reviewStacks } from '../../src/review/review';
import { stackFromTemplate } from '../../src/review/template';
import { awsSolutionsFindings } from '../support/nag';

describe('the example FinOps app', () => {
  test('passes cdk-nag AwsSolutions with every finding fixed or acknowledged with a reason', () => {
    const { app } = buildFinOpsApp();
    expect(awsSolutionsFindings(app)).toBe('');
  });

  test('review lists every budget with its limit, filter, alerts and actions', () => {
    const { stack } = buildFinOpsApp();
    const template = Template.fromStack(stack).toJSON();
    const review = reviewStacks([stackFromTemplate('FinOpsGovernance', template)]);
    expect(review).toContain('**ec2-compute-monthly** (COST, MONTHLY)');
    expect(review).toContain('limit: 10,000.00 USD');
    expect(review).toContain('filter: Service = Amazon Elastic Compute Cloud - Compute');
    expect(review).toContain('alert: ACTUAL > 80% → SNS');
    expect(review).toContain('email finops@example.com');
    expect(review).toMatch(/action: ACTUAL > 100%: attach <DenyNewCompute\w+> to data-team-deploy \(MANUAL approval\)/);
    for (const team of ['platform', 'data', 'web']) {
      expect(review).toContain(`**team-${team}-monthly**`);
    }
  });
});
