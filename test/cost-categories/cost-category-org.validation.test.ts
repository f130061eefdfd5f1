import { App, Stack } from 'aws-cdk-lib';
import { CostAllocationTags, CostCategoryOrg, CostCategoryOrgProps, CostCategoryRule, CostDimension, CostFilter, SplitChargeRule } from '../../src';

function category(props: Partial<CostCategoryOrgProps>): CostCategoryOrg {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  return new CostCategoryOrg(stack, 'Category', {
    costCategoryName: 'business-unit',
    accountsByValue: { Production: ['222222222222'], Development: ['333333333333'], Shared: ['444444444444'] },
    ...props,
  });
}

const twoDevelopmentAccounts = { Production: ['222222222222'], Development: ['333333333333'], Shared: ['444444444444'] };

describe('CostCategoryOrg fails at synth on', () => {
  test('a name over 50 characters', () => {
    expect(() => category({ costCategoryName: 'n'.repeat(51) })).toThrow(
      /^Stack\/Category: "n{51}" breaks the rule: a cost category name is 1-50 characters \(this one has 51\)\. Fix: choose a shorter name/,
    );
  });

  test('an empty name', () => {
    expect(() => category({ costCategoryName: '' })).toThrow(/"" breaks the rule: a cost category name is 1-50 characters \(this one has 0\)/);
  });

  test.each([' business-unit', 'business-unit '])('a name with a leading or trailing space (%j)', (costCategoryName) => {
    expect(() => category({ costCategoryName })).toThrow(/breaks the rule: a cost category name has no leading or trailing spaces\. Fix: /);
  });

  test('a default value over 50 characters', () => {
    expect(() => category({ defaultValue: 'd'.repeat(51) })).toThrow(/"d{51}" breaks the rule: a cost category default value is 1-50 characters/);
  });

  test('a default value with a trailing space', () => {
    expect(() => category({ defaultValue: 'Unallocated ' })).toThrow(
      /"Unallocated " breaks the rule: a cost category default value has no leading or trailing spaces/,
    );
  });

  test('a rule value over 50 characters', () => {
    expect(() => category({ accountsByValue: { ['v'.repeat(51)]: ['222222222222'] } })).toThrow(
      /"v{51}" breaks the rule: a cost category value is 1-50 characters/,
    );
  });

  test('a rule value with a leading space', () => {
    expect(() => category({ rules: [CostCategoryRule.accounts(' Production', ['555555555555'])] })).toThrow(
      /" Production" breaks the rule: a cost category value has no leading or trailing spaces/,
    );
  });

  test('no rule at all', () => {
    expect(() => category({ accountsByValue: {} })).toThrow(/breaks the rule: a cost category has at least 1 rule\. Fix: map values to accounts/);
  });

  test('more than 500 rules (the API limit)', () => {
    const accountsByValue = Object.fromEntries(Array.from({ length: 501 }, (_, index) => [`unit-${index}`, [String(100000000000 + index)]]));
    expect(() => category({ accountsByValue })).toThrow(/breaks the rule: at most 500 rules per cost category \(API limit\) \(got 501\)/);
    // Every rule used to be printed: 53,695 characters for 501 rules.
    expect(() => category({ accountsByValue })).toThrow(/^Stack\/Category: "501 rules" breaks the rule: at most 500 rules per cost category \(API limit\) \(got 501\)\. Fix: [^\n]*$/);
  });

  test('a dimension cost categories do not support', () => {
    expect(() => category({ rules: [CostCategoryRule.value('Compute', CostFilter.services(['Amazon Elastic Compute Cloud - Compute']))] })).toThrow(
      /"SERVICE" breaks the rule: cost category rules match only the dimensions LINKED_ACCOUNT, LINKED_ACCOUNT_NAME, SERVICE_CODE, RECORD_TYPE, REGION, USAGE_TYPE, tags and other cost categories\. Fix: match value "Compute" on an allowed dimension/,
    );
  });

  test('an unsupported dimension nested deep in the filter', () => {
    const nested = CostFilter.allOf(CostFilter.tag('team', ['data']), CostFilter.negate(CostFilter.dimension(CostDimension.INSTANCE_TYPE, ['m7g.large'])));
    expect(() => category({ rules: [CostCategoryRule.value('Data', nested)] })).toThrow(/"INSTANCE_TYPE" breaks the rule: cost category rules match only the dimensions/);
  });

  test('an account ID that is not 12 digits', () => {
    expect(() => category({ accountsByValue: { Production: ['22222222222'] } })).toThrow(
      /"22222222222" breaks the rule: an account ID is 12 digits\. Fix: correct the account ID of the cost filter/,
    );
  });

  test('a value with no accounts', () => {
    expect(() => category({ accountsByValue: { Production: [] } })).toThrow(/breaks the rule: a cost filter matches at least one value/);
  });

  test('an account under two values (first match would silently win)', () => {
    expect(() => category({ accountsByValue: { Production: ['222222222222'], Development: ['333333333333', '222222222222'] } })).toThrow(
      /"222222222222" breaks the rule: an account is mapped to one value, but it is under "Production" and "Development" and the first rule that matches wins\. Fix: remove it from one of the values, or set allowOverlappingAccounts: true/,
    );
  });

  test('an account in the map and again in a later account rule', () => {
    expect(() => category({ rules: [CostCategoryRule.accounts('Legacy', ['444444444444'])] })).toThrow(/"444444444444" breaks the rule: an account is mapped to one value/);
  });

  test('an inherited-value tag key over 128 characters', () => {
    expect(() => category({ rules: [CostCategoryRule.inheritFromTag('k'.repeat(129))] })).toThrow(/breaks the rule: an inherited value tag key is 1-128 characters/);
  });

  test('a split charge rule whose source the category does not define', () => {
    expect(() => category({ splitChargeRules: [SplitChargeRule.even('Shared Services', ['Production'])] })).toThrow(
      /"Shared Services" breaks the rule: a split charge rule splits and receives values that the cost category defines \("Production", "Development", "Shared"\)/,
    );
  });

  test('a split charge rule whose target the category does not define', () => {
    expect(() => category({ splitChargeRules: [SplitChargeRule.proportional('Shared', ['Production', 'Staging'])] })).toThrow(
      /"Staging" breaks the rule: a split charge rule splits and receives values that the cost category defines/,
    );
  });

  test('FIXED percentages that do not add up to 100', () => {
    expect(() => category({
      splitChargeRules: [SplitChargeRule.fixedPercentages('Shared', [{ target: 'Production', percentage: 60 }, { target: 'Development', percentage: 39.99 }])],
    })).toThrow(/\[60,39\.99\] breaks the rule: FIXED split charge percentages \(of "Shared"\) add up to exactly 100 \(these add up to 99\.99\)/);
  });

  test('a FIXED percentage that is not positive', () => {
    expect(() => category({
      splitChargeRules: [SplitChargeRule.fixedPercentages('Shared', [{ target: 'Production', percentage: 100 }, { target: 'Development', percentage: 0 }])],
    })).toThrow(/0 breaks the rule: FIXED split charge percentages \(of "Shared"\) are positive/);
  });

  test('more than 10 split charge rules', () => {
    const sources = Array.from({ length: 11 }, (_, index) => `source-${index}`);
    const accountsByValue = Object.fromEntries([...sources, 'Production'].map((value, index) => [value, [String(200000000000 + index)]]));
    expect(() => category({ accountsByValue, splitChargeRules: sources.map((source) => SplitChargeRule.even(source, ['Production'])) })).toThrow(
      /breaks the rule: at most 10 split charge rules per cost category \(got 11\)/,
    );
  });

  test('a source split by two rules', () => {
    expect(() => category({
      splitChargeRules: [SplitChargeRule.even('Shared', ['Production']), SplitChargeRule.even('Shared', ['Development'])],
    })).toThrow(/"Shared" breaks the rule: a split charge source is not the source or a target of another split charge rule/);
  });

  test('a target that another rule splits', () => {
    expect(() => category({
      accountsByValue: { ...twoDevelopmentAccounts, Network: ['555555555555'] },
      splitChargeRules: [SplitChargeRule.even('Network', ['Shared', 'Production']), SplitChargeRule.even('Shared', ['Development'])],
    })).toThrow(/"Shared" breaks the rule: a split charge target is not the source of another split charge rule\. Fix: split "Shared" first/);
  });

  test('a value split onto itself', () => {
    expect(() => category({ splitChargeRules: [SplitChargeRule.even('Shared', ['Shared', 'Production'])] })).toThrow(
      /"Shared" breaks the rule: a split charge rule does not split a value onto itself/,
    );
  });

  test('a filter on a value the category does not define', () => {
    expect(() => category({}).filterFor('Staging')).toThrow(
      /^Stack\/Category: "Staging" breaks the rule: a filter on cost category "business-unit" matches one of its values \("Production", "Development", "Shared"\)/,
    );
  });
});

describe('CostCategoryOrg accepts', () => {
  test('FIXED percentages that add up to exactly 100 in decimal but not in binary floating point', () => {
    expect(0.01 + 65.4 + 34.59).not.toBe(100);
    expect(() => category({
      accountsByValue: { ...twoDevelopmentAccounts, Staging: ['555555555555'] },
      splitChargeRules: [SplitChargeRule.fixedPercentages('Shared', [
        { target: 'Production', percentage: 0.01 },
        { target: 'Development', percentage: 65.4 },
        { target: 'Staging', percentage: 34.59 },
      ])],
    })).not.toThrow();
  });

  test('uncategorized costs as a split charge source', () => {
    expect(() => category({ splitChargeRules: [SplitChargeRule.even(SplitChargeRule.UNCATEGORIZED_COSTS, ['Production', 'Development'])] })).not.toThrow();
  });

  test('the default value as a split charge target', () => {
    expect(() => category({ defaultValue: 'Unallocated', splitChargeRules: [SplitChargeRule.even('Shared', ['Unallocated'])] })).not.toThrow();
  });
});

describe('CostAllocationTags fails at synth on', () => {
  function tags(tagKeys: string[]): CostAllocationTags {
    return new CostAllocationTags(new Stack(new App(), 'Stack'), 'Tags', { tagKeys });
  }

  test('no tag key', () => {
    expect(() => tags([])).toThrow(/^Stack\/Tags: \[\] breaks the rule: activation names at least one cost allocation tag/);
  });

  test('a tag key over 128 characters', () => {
    expect(() => tags(['t'.repeat(129)])).toThrow(/breaks the rule: a cost allocation tag key is 1-128 characters \(this one has 129\)/);
  });

  test('a repeated tag key', () => {
    expect(() => tags(['team', 'team'])).toThrow(/"team" breaks the rule: each cost allocation tag is listed once/);
  });
});
