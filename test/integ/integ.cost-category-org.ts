import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { CostCategoryOrg, CostCategoryRule, CostFilter, SplitChargeRule } from '../../src';
import { INTEG_TEST_OPTIONS } from '../support/integ-resources';

// A chargeback category in the deploying (management or standalone) account: the account itself
// is Platform, dev-tagged spend is Development, other spend inherits its cost-center tag, and
// Shared Services is split over the other two. After deployment the definition is read back.
const app = new App();
const stack = new Stack(app, 'CostCategoryOrgInteg');

const category = new CostCategoryOrg(stack, 'BusinessUnitCategory', {
  costCategoryName: 'integ-business-unit',
  accountsByValue: { Platform: [stack.account] },
  rules: [
    CostCategoryRule.value('Development', CostFilter.tag('environment', ['dev', 'test'])),
    CostCategoryRule.value('Shared Services', CostFilter.tag('team', ['shared'])),
    CostCategoryRule.inheritFromTag('cost-center'),
  ],
  defaultValue: 'Unallocated',
  splitChargeRules: [SplitChargeRule.proportional('Shared Services', ['Platform', 'Development'])],
});

const integ = new IntegTest(app, 'CostCategoryOrgTest', { testCases: [stack], ...INTEG_TEST_OPTIONS });

integ.assertions
  .awsApiCall('CostExplorer', 'describeCostCategoryDefinition', { CostCategoryArn: category.costCategoryArn })
  .expect(ExpectedResult.objectLike({
    CostCategory: Match.objectLike({
      Name: 'integ-business-unit',
      RuleVersion: 'CostCategoryExpression.v1',
      DefaultValue: 'Unallocated',
      Rules: Match.arrayWith([Match.objectLike({ Value: 'Platform' }), Match.objectLike({ Value: 'Development' })]),
      SplitChargeRules: [Match.objectLike({ Source: 'Shared Services', Method: 'PROPORTIONAL' })],
    }),
  }));

app.synth();
