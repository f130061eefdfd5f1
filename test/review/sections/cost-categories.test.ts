import { reviewCostCategories } from '../../../src/review/sections/cost-categories';
import { SynthesizedStack, TemplateResource } from '../../../src/review/template';

function stackOf(...resources: Array<Omit<TemplateResource, 'path'>>): SynthesizedStack {
  return { stackName: 'Stack', resources: resources.map((resource) => ({ ...resource, path: resource.logicalId })) };
}

describe('reviewCostCategories', () => {
  test('adds nothing to a stack without cost categories', () => {
    expect(reviewCostCategories(stackOf({ logicalId: 'Topic', type: 'AWS::SNS::Topic', properties: {} }))).toEqual([]);
  });

  test('describes inherited account-name rules and FIXED split charges with their percentages', () => {
    const review = reviewCostCategories(stackOf({
      logicalId: 'Category',
      type: 'AWS::CE::CostCategory',
      properties: {
        Name: 'cost-center',
        RuleVersion: 'CostCategoryExpression.v1',
        Rules: JSON.stringify([
          { Type: 'REGULAR', Value: 'Network', Rule: { Dimensions: { Key: 'SERVICE_CODE', Values: ['AmazonVPC'] } } },
          { Type: 'INHERITED_VALUE', InheritedValue: { DimensionName: 'LINKED_ACCOUNT_NAME' } },
        ]),
        SplitChargeRules: JSON.stringify([
          { Source: 'Network', Targets: ['a', 'b'], Method: 'FIXED', Parameters: [{ Type: 'ALLOCATION_PERCENTAGES', Values: ['60', '40'] }] },
          { Source: '', Targets: ['a'], Method: 'EVEN' },
        ]),
      },
    }));
    expect(review).toEqual([
      '### Cost categories (1)',
      '',
      '- **cost-center** (first matching rule wins; default: none)',
      '  - rule 1: Network ← SERVICE_CODE is "AmazonVPC"',
      '  - rule 2: name of the linked account',
      '  - split charge: Network → a 60%, b 40% (FIXED)',
      '  - split charge: uncategorized costs → a (EVEN)',
      '',
    ]);
  });

  test('shows rules that hold deploy-time values as they stand in the template', () => {
    const rules = { 'Fn::Join': ['', ['[{"Type":"REGULAR","Value":"Mine","Rule":{"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["', { Ref: 'AWS::AccountId' }, '"]}}}]']] };
    const [, , , line] = reviewCostCategories(stackOf({ logicalId: 'Category', type: 'AWS::CE::CostCategory', properties: { Name: 'mine', Rules: rules } }));
    expect(line).toBe('  - rules: [{"Type":"REGULAR","Value":"Mine","Rule":{"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["<AWS::AccountId>"]}}}]');
  });
});
