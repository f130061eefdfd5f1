import { IResource, Resource, Stack } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import { Construct } from 'constructs';
import { CostAllocationTags } from './cost-allocation-tags';
import { CostCategoryRule } from './cost-category-rule';
import { costCategoryNameViolations, costCategoryViolations, hasOpenEndedValues, valuesDefinedBy } from './cost-category-rules';
import { registerCategory } from './private/category-references';
import { SplitChargeRule } from './split-charge-rule';
import { CostFilter } from '../core/cost-filter';
import { COST_CATEGORY_VALUE_MAX_LENGTH } from '../core/limits/cost-categories';
import { checkAccountQuotas } from '../core/private/account-quotas';
import { checkLength, describeList, failOnViolations, isUnresolved, violationsOf } from '../core/validation';

/** The only rule version of the Cost Categories API. */
const RULE_VERSION = 'CostCategoryExpression.v1';

/**
 * A cost category, defined in this app or imported by name: what budgets and anomaly monitors
 * filter on.
 */
export interface ICostCategory extends IResource {
  /**
   * The category's name.
   *
   * @attribute
   */
  readonly costCategoryName: string;

  /** A cost filter on the costs this category assigns `value`. */
  filterFor(value: string): CostFilter;
}

/**
 * Properties of a {@link CostCategoryOrg}.
 */
export interface CostCategoryOrgProps {
  /**
   * The category's name, unique in the management account: 1-50 characters without leading or
   * trailing spaces. Cost Explorer, budgets and anomaly monitors filter on it.
   *
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CreateCostCategoryDefinition.html
   */
  readonly costCategoryName: string;

  /**
   * The organization's shape in one map: each value (a business unit, an environment) and the
   * member account IDs whose costs it gets, e.g. `{ Production: ['222222222222'], Development: ['444444444444'] }`.
   *
   * Becomes one rule per value, in the map's insertion order, before `rules`. Rules are evaluated
   * in order and the first match wins, so an account listed under two values is an error unless
   * `allowOverlappingAccounts` is set. (JavaScript puts integer-like keys such as "2024" first:
   * use `rules` when such values must come later.)
   *
   * @default - no account map; only `rules`
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategoryRule.html
   */
  readonly accountsByValue?: { [value: string]: string[] };

  /**
   * Further rules, evaluated after the account map, in order; the first rule that matches a cost
   * decides its value.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategoryRule.html
   */
  readonly rules?: CostCategoryRule[];

  /**
   * The value of costs that no rule matches: 1-50 characters without leading or trailing spaces.
   *
   * @default - unmatched costs are shown as "No cost category"
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CreateCostCategoryDefinition.html
   */
  readonly defaultValue?: string;

  /**
   * Split charge rules that spread shared costs of one value over others (at most 10).
   *
   * @default - none
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategorySplitChargeRule.html
   */
  readonly splitChargeRules?: SplitChargeRule[];

  /**
   * Let an account appear under several values of `accountsByValue` or of account rules; the
   * first value it is listed under gets its costs.
   *
   * @default false - an account under two values is an error at synth
   */
  readonly allowOverlappingAccounts?: boolean;

  /**
   * Cost allocation tags to activate with the category (e.g. the tags its rules match or inherit).
   *
   * @default - no tag is activated
   * @see https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html
   */
  readonly activateTags?: string[];

  /**
   * Deactivate `activateTags` when the category's stack deletes them.
   *
   * @default false
   */
  readonly deactivateTagsOnDelete?: boolean;
}

/**
 * A cost category that maps the organization's accounts, tags and services to business values
 * (business units, environments, cost centers) for chargeback, with optional split charge rules and
 * cost allocation tag activation. Every documented AWS limit is checked at synth.
 *
 * Budgets and anomaly monitors filter on it with `filterFor(value)`.
 *
 * @example
 * const businessUnit = new CostCategoryOrg(this, 'BusinessUnit', {
 *   costCategoryName: 'business-unit',
 *   accountsByValue: {
 *     'Production': ['222222222222', '333333333333'],
 *     'Shared Services': ['555555555555'],
 *   },
 *   rules: [CostCategoryRule.value('Development', CostFilter.tag('environment', ['dev']))],
 *   defaultValue: 'Unallocated',
 *   splitChargeRules: [SplitChargeRule.proportional('Shared Services', ['Production', 'Development'])],
 *   activateTags: ['environment'],
 * });
 * new FinOpsBudget(this, 'ProductionBudget', {
 *   limit: BudgetLimit.fixedAmount(50000),
 *   costFilter: businessUnit.filterFor('Production'),
 * });
 *
 * @see https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/manage-cost-categories.html
 */
export class CostCategoryOrg extends Resource implements ICostCategory {
  /**
   * A cost category defined elsewhere (the console, another app or account of the organization), by
   * its name. Its values are not known here, so `filterFor` accepts any value of valid length.
   * There is no import by ARN: the ARN ends in an ID that AWS assigns, and filters need the name.
   */
  public static fromCostCategoryName(scope: Construct, id: string, costCategoryName: string): ICostCategory {
    return new ImportedCostCategory(scope, id, costCategoryName);
  }

  /** The category's ARN. */
  public readonly costCategoryArn: string;
  /** The category's name. */
  public readonly costCategoryName: string;
  /** The values the category assigns: rule values in rule order, then the default value. */
  public readonly values: string[];
  /** The tag activation, when `activateTags` is set. */
  public readonly costAllocationTags?: CostAllocationTags;

  /** Whether some values are known only from billing data (inherited from a tag or account name) or at deploy time. */
  private readonly openEnded: boolean;

  constructor(scope: Construct, id: string, props: CostCategoryOrgProps) {
    super(scope, id);
    checkAccountQuotas(this);
    const rules = [...accountRules(props.accountsByValue ?? {}), ...(props.rules ?? [])].map((rule) => rule._toJson());
    const splitChargeRules = props.splitChargeRules ?? [];
    const violations = costCategoryViolations({
      name: props.costCategoryName,
      rules,
      defaultValue: props.defaultValue,
      splitChargeRules: splitChargeRules.map((rule) => rule._toJson()),
      splitChargePercentages: splitChargeRules.map((rule) => rule._percentages()),
      allowOverlappingAccounts: props.allowOverlappingAccounts ?? false,
    });

    const stack = Stack.of(this);
    const category = new ce.CfnCostCategory(this, 'Resource', {
      name: props.costCategoryName,
      ruleVersion: RULE_VERSION,
      rules: stack.toJsonString(rules),
      defaultValue: props.defaultValue,
      splitChargeRules: splitChargeRules.length > 0 ? stack.toJsonString(splitChargeRules.map((rule) => rule._toJson())) : undefined,
    });
    this.costCategoryArn = category.attrArn;
    this.costCategoryName = props.costCategoryName;
    this.values = valuesDefinedBy(rules, props.defaultValue);
    this.openEnded = hasOpenEndedValues(rules, props.defaultValue);
    failOnViolations(this, [
      ...violations,
      ...registerCategory({ scope: this, resource: category, name: props.costCategoryName, values: this.openEnded ? undefined : this.values }),
    ]);

    if (props.activateTags) {
      this.costAllocationTags = new CostAllocationTags(this, 'CostAllocationTags', {
        tagKeys: props.activateTags,
        deactivateOnDelete: props.deactivateTagsOnDelete,
      });
    }
  }

  /**
   * A cost filter on the costs this category assigns `value`, for budgets and anomaly monitors.
   *
   * The value must be one the category defines, unless its values are inherited from a tag or an
   * account name (then any value that inheritance can produce is accepted). The budget, monitor or
   * category that uses the filter is made to depend on this category, so it is created after it;
   * so is any other `CostFilter.costCategory()` filter on this category's name in the same app.
   */
  public filterFor(value: string): CostFilter {
    const unknown = !this.openEnded && !isUnresolved(value) && !this.values.includes(value);
    failOnViolations(this, [
      ...(unknown
        ? [{
          value,
          rule: `a filter on cost category "${this.costCategoryName}" matches one of its values (${describeList(this.values)})`,
          fix: 'use a value the category defines, or add a rule for it',
        }]
        : []),
      ...violationsOf(checkLength(value, 1, COST_CATEGORY_VALUE_MAX_LENGTH, 'a cost category value', 'use a value the category can assign')),
    ]);
    return CostFilter.costCategory(this.costCategoryName, [value]);
  }
}

class ImportedCostCategory extends Resource implements ICostCategory {
  constructor(scope: Construct, id: string, public readonly costCategoryName: string) {
    super(scope, id);
    failOnViolations(this, costCategoryNameViolations(costCategoryName));
  }

  public filterFor(value: string): CostFilter {
    failOnViolations(this, violationsOf(checkLength(value, 1, COST_CATEGORY_VALUE_MAX_LENGTH, 'a cost category value', 'use a value the category can assign')));
    return CostFilter.costCategory(this.costCategoryName, [value]);
  }
}

function accountRules(accountsByValue: { [value: string]: string[] }): CostCategoryRule[] {
  return Object.entries(accountsByValue).map(([value, accountIds]) => CostCategoryRule.accounts(value, accountIds));
}
