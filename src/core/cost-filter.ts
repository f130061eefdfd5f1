import { CostExpression, KeyedValues } from './private/expression';
import { FinOpsValidationError, formatViolation } from './validation';

/**
 * The Cost Explorer dimensions a cost filter can match on.
 *
 * Not every API accepts every dimension: cost categories accept only a few, and the construct that
 * uses the filter checks that at synth.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_DimensionValues.html
 */
export enum CostDimension {
  /** The AWS service, e.g. "Amazon Elastic Compute Cloud - Compute". */
  SERVICE = 'SERVICE',
  /** The service code, e.g. "AmazonEC2" (cost categories only). */
  SERVICE_CODE = 'SERVICE_CODE',
  /** A member account ID of the organization. */
  LINKED_ACCOUNT = 'LINKED_ACCOUNT',
  /** A member account's name (cost categories only). */
  LINKED_ACCOUNT_NAME = 'LINKED_ACCOUNT_NAME',
  /** The AWS Region, e.g. "us-east-1". */
  REGION = 'REGION',
  /** The Availability Zone, e.g. "us-east-1a". */
  AZ = 'AZ',
  /** The instance type, e.g. "m7g.large". */
  INSTANCE_TYPE = 'INSTANCE_TYPE',
  /** The usage type, e.g. "BoxUsage:m7g.large". */
  USAGE_TYPE = 'USAGE_TYPE',
  /** A group of usage types, e.g. "EC2: Running Hours". */
  USAGE_TYPE_GROUP = 'USAGE_TYPE_GROUP',
  /** The operation, e.g. "RunInstances". */
  OPERATION = 'OPERATION',
  /** How the usage was bought: On Demand, Reserved, Spot, Savings Plans. */
  PURCHASE_TYPE = 'PURCHASE_TYPE',
  /** The kind of charge: Usage, Credit, Refund, Tax, ... */
  RECORD_TYPE = 'RECORD_TYPE',
  /** The billing entity: AWS or AWS Marketplace. */
  BILLING_ENTITY = 'BILLING_ENTITY',
  /** The legal entity that bills the usage. */
  LEGAL_ENTITY_NAME = 'LEGAL_ENTITY_NAME',
  /** The operating system of the instance. */
  OPERATING_SYSTEM = 'OPERATING_SYSTEM',
  /** The platform of the instance. */
  PLATFORM = 'PLATFORM',
  /** The tenancy of the instance: shared or dedicated. */
  TENANCY = 'TENANCY',
  /** The database engine (RDS). */
  DATABASE_ENGINE = 'DATABASE_ENGINE',
  /** The cache engine (ElastiCache). */
  CACHE_ENGINE = 'CACHE_ENGINE',
  /** The deployment option, e.g. Multi-AZ. */
  DEPLOYMENT_OPTION = 'DEPLOYMENT_OPTION',
  /** The instance type family, e.g. "m7g". */
  INSTANCE_TYPE_FAMILY = 'INSTANCE_TYPE_FAMILY',
  /** The resource ID (only where resource-level data is enabled). */
  RESOURCE_ID = 'RESOURCE_ID',
  /** The invoicing entity. */
  INVOICING_ENTITY = 'INVOICING_ENTITY',
}

/**
 * How a filter matches its values.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_DimensionValues.html
 */
export enum MatchOption {
  /** The value equals one of the values (the default). */
  EQUALS = 'EQUALS',
  /** The tag or cost category is absent. */
  ABSENT = 'ABSENT',
  /** The value starts with one of the values. */
  STARTS_WITH = 'STARTS_WITH',
  /** The value ends with one of the values. */
  ENDS_WITH = 'ENDS_WITH',
  /** The value contains one of the values. */
  CONTAINS = 'CONTAINS',
  /** Match case-sensitively. */
  CASE_SENSITIVE = 'CASE_SENSITIVE',
  /** Match case-insensitively. */
  CASE_INSENSITIVE = 'CASE_INSENSITIVE',
}

/**
 * A cost filter: which costs a budget, anomaly monitor or cost category rule looks at.
 *
 * Filters compose with `allOf`, `anyOf` and `negate`, and render to the Cost Explorer `Expression` JSON
 * that the Budgets, Cost Anomaly Detection and Cost Categories APIs share.
 *
 * @example
 * const computeOfTeamA = CostFilter.allOf(
 *   CostFilter.services(['Amazon Elastic Compute Cloud - Compute']),
 *   CostFilter.tag('team', ['team-a']),
 * );
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_Expression.html
 */
export abstract class CostFilter {
  /** Costs of these AWS services, by their Cost Explorer names (e.g. "Amazon Relational Database Service"). */
  public static services(serviceNames: string[]): CostFilter {
    return CostFilter.dimension(CostDimension.SERVICE, serviceNames);
  }

  /** Costs of these member accounts (12-digit account IDs). */
  public static linkedAccounts(accountIds: string[]): CostFilter {
    return CostFilter.dimension(CostDimension.LINKED_ACCOUNT, accountIds);
  }

  /** Costs incurred in these Regions (e.g. "eu-west-1"). */
  public static regions(regions: string[]): CostFilter {
    return CostFilter.dimension(CostDimension.REGION, regions);
  }

  /**
   * Costs whose dimension matches one of the values.
   *
   * @param matchOptions how to match @default [MatchOption.EQUALS]
   */
  public static dimension(dimension: CostDimension, values: string[], matchOptions?: MatchOption[]): CostFilter {
    return new ExpressionFilter({ Dimensions: keyedValues(dimension, values, matchOptions) });
  }

  /**
   * Costs of resources whose cost allocation tag `key` has one of the values.
   *
   * The tag must be activated as a cost allocation tag to be visible to billing.
   *
   * @param matchOptions how to match @default [MatchOption.EQUALS]
   */
  public static tag(key: string, values: string[], matchOptions?: MatchOption[]): CostFilter {
    return new ExpressionFilter({ Tags: keyedValues(key, values, matchOptions) });
  }

  /** Costs of resources that do not carry the cost allocation tag `key` (untagged spend). */
  public static tagAbsent(key: string): CostFilter {
    return new ExpressionFilter({ Tags: { Key: key, MatchOptions: [MatchOption.ABSENT] } });
  }

  /**
   * Costs that a cost category assigns one of the values.
   *
   * @param matchOptions how to match @default [MatchOption.EQUALS]
   */
  public static costCategory(categoryName: string, values: string[], matchOptions?: MatchOption[]): CostFilter {
    return new ExpressionFilter({ CostCategories: keyedValues(categoryName, values, matchOptions) });
  }

  /**
   * Costs that match every one of the filters (at least two), passed as separate arguments.
   *
   * @example
   * CostFilter.allOf(CostFilter.services(['Amazon Simple Storage Service']), CostFilter.regions(['eu-west-1']));
   */
  public static allOf(...filters: CostFilter[]): CostFilter {
    return new ExpressionFilter({ And: expressionsOf('allOf', filters) });
  }

  /**
   * Costs that match any of the filters (at least two), passed as separate arguments.
   *
   * @example
   * CostFilter.anyOf(CostFilter.regions(['eu-west-1']), CostFilter.regions(['eu-central-1']));
   */
  public static anyOf(...filters: CostFilter[]): CostFilter {
    return new ExpressionFilter({ Or: expressionsOf('anyOf', filters) });
  }

  /**
   * Costs that do not match the filter.
   *
   * @example
   * // Costs outside us-east-1.
   * CostFilter.negate(CostFilter.regions(['us-east-1']));
   */
  public static negate(filter: CostFilter): CostFilter {
    return new ExpressionFilter({ Not: expressionsOf('negate', [filter])[0] });
  }

  /**
   * Costs that match every one of the filters.
   *
   * @deprecated use allOf: `and` is a reserved word in Python.
   */
  public static and(...filters: CostFilter[]): CostFilter {
    return CostFilter.allOf(...filters);
  }

  /**
   * Costs that match any of the filters.
   *
   * @deprecated use anyOf: `or` is a reserved word in Python.
   */
  public static or(...filters: CostFilter[]): CostFilter {
    return CostFilter.anyOf(...filters);
  }

  /**
   * Costs that do not match the filter.
   *
   * @deprecated use negate: `not` is a reserved word in Python.
   */
  public static not(filter: CostFilter): CostFilter {
    return CostFilter.negate(filter);
  }

  /**
   * The filter as Cost Explorer `Expression` JSON (PascalCase keys, as the APIs take it).
   *
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_Expression.html
   */
  public abstract toCostExplorerExpression(): any;
}

class ExpressionFilter extends CostFilter {
  constructor(private readonly expression: CostExpression) {
    super();
  }

  public toCostExplorerExpression(): any {
    return this.expression;
  }
}

/**
 * The operands' expressions. JavaScript and the jsii languages let an array or another object
 * through where a filter is expected; say so plainly instead of failing later in a template.
 */
function expressionsOf(operator: 'allOf' | 'anyOf' | 'negate', filters: readonly unknown[]): CostExpression[] {
  return filters.map((filter) => {
    if (typeof (filter as CostFilter | undefined)?.toCostExplorerExpression === 'function') {
      return (filter as CostFilter).toCostExplorerExpression();
    }
    const given = Array.isArray(filter) ? 'an array' : filter === null || filter === undefined ? String(filter) : typeof filter;
    const fix = Array.isArray(filter)
      ? `pass the filters as separate arguments: CostFilter.${operator}(...filters) in TypeScript, CostFilter.${pythonName(operator)}(*filters) in Python`
      : 'pass filters made by CostFilter\'s static methods';
    throw new FinOpsValidationError(formatViolation(`CostFilter.${operator}()`, {
      value: given,
      rule: `CostFilter.${operator}() combines CostFilter objects`,
      fix,
    }));
  });
}

/** The method's name in Python, where jsii writes camelCase names in snake_case. */
function pythonName(operator: 'allOf' | 'anyOf' | 'negate'): string {
  return operator.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function keyedValues(key: string, values: string[], matchOptions?: MatchOption[]): KeyedValues {
  return matchOptions ? { Key: key, Values: [...values], MatchOptions: [...matchOptions] } : { Key: key, Values: [...values] };
}

