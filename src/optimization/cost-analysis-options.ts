import { CostDimension } from '../core/cost-filter';

/**
 * The Cost Explorer metric a cost analysis sums.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
 */
export enum CostMetric {
  /** Costs as charged, at the rates of each account (what the console shows by default). */
  UNBLENDED_COST = 'UnblendedCost',
  /** Costs at the average rates of the organization's consolidated billing family. */
  BLENDED_COST = 'BlendedCost',
  /** Upfront and recurring Reserved Instance and Savings Plans fees spread over the period they cover. */
  AMORTIZED_COST = 'AmortizedCost',
  /** Unblended costs after discounts (for example EDP). */
  NET_UNBLENDED_COST = 'NetUnblendedCost',
  /** Amortized costs after discounts. */
  NET_AMORTIZED_COST = 'NetAmortizedCost',
  /**
   * Usage amounts, summed whatever their unit (hours, GB...): meaningful only when a filter keeps
   * one usage type. GetCostForecast has no usage forecast, so the analysis makes none.
   */
  USAGE_QUANTITY = 'UsageQuantity',
}

/**
 * The length of the periods a cost analysis compares.
 *
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/ce-advanced-cost-analysis.html
 */
export enum CostGranularity {
  /** One period per day. */
  DAILY = 'DAILY',
  /** One period per calendar month (the current one to date). */
  MONTHLY = 'MONTHLY',
}

/** What a breakdown groups costs by. */
export enum CostBreakdownKind {
  /** A Cost Explorer dimension (service, linked account, region...). */
  DIMENSION = 'DIMENSION',
  /** A cost allocation tag key. */
  TAG = 'TAG',
  /** A cost category. */
  COST_CATEGORY = 'COST_CATEGORY',
}

/**
 * One way to break costs down: the report gets a section for it, and the analysis makes one
 * GetCostAndUsage query grouped by it (paged), however many groups there are.
 *
 * @example
 * const byTeam = CostBreakdown.tag('team');
 * const byBusinessUnit = CostBreakdown.costCategory('BusinessUnit');
 */
export class CostBreakdown {
  /** By AWS service. */
  public static readonly SERVICE = CostBreakdown.dimension(CostDimension.SERVICE);
  /** By member account, with the account names Cost Explorer returns (chargeback). */
  public static readonly LINKED_ACCOUNT = CostBreakdown.dimension(CostDimension.LINKED_ACCOUNT);
  /** By AWS Region. */
  public static readonly REGION = CostBreakdown.dimension(CostDimension.REGION);
  /** By usage type, e.g. "BoxUsage:m7g.large". */
  public static readonly USAGE_TYPE = CostBreakdown.dimension(CostDimension.USAGE_TYPE);
  /** By instance type, e.g. "m7g.large". */
  public static readonly INSTANCE_TYPE = CostBreakdown.dimension(CostDimension.INSTANCE_TYPE);

  /**
   * By a Cost Explorer dimension. GetCostAndUsage groups by AZ, INSTANCE_TYPE, LEGAL_ENTITY_NAME,
   * INVOICING_ENTITY, LINKED_ACCOUNT, OPERATION, PLATFORM, PURCHASE_TYPE, SERVICE, TENANCY,
   * RECORD_TYPE, USAGE_TYPE and REGION; the pipeline refuses the others at synth.
   */
  public static dimension(dimension: CostDimension): CostBreakdown {
    return new CostBreakdown(CostBreakdownKind.DIMENSION, dimension);
  }

  /**
   * By the values of a cost allocation tag (activated for billing); untagged costs form one group.
   *
   * @param key the tag key, 1-128 characters
   */
  public static tag(key: string): CostBreakdown {
    return new CostBreakdown(CostBreakdownKind.TAG, key);
  }

  /**
   * By the values of a cost category, for example a `CostCategoryOrg`'s business units.
   *
   * @param name the cost category's name, 1-50 characters
   */
  public static costCategory(name: string): CostBreakdown {
    return new CostBreakdown(CostBreakdownKind.COST_CATEGORY, name);
  }

  /** What is grouped by. */
  public readonly kind: CostBreakdownKind;
  /** The dimension, tag key or cost category name. */
  public readonly key: string;

  private constructor(kind: CostBreakdownKind, key: string) {
    this.kind = kind;
    this.key = key;
  }
}
