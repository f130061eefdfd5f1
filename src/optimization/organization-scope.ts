import { Duration } from 'aws-cdk-lib';
import type { ICostCategory } from '../cost-categories/cost-category-org';

/** Which kind of targets an {@link OrganizationTargets} names. */
export enum OrganizationTargetKind {
  /** Every account of the organization (Organizations ListAccounts). */
  ENTIRE_ORGANIZATION = 'ENTIRE_ORGANIZATION',
  /** The accounts of organizational units (or roots) and of every OU nested in them. */
  ORGANIZATIONAL_UNITS = 'ORGANIZATIONAL_UNITS',
  /** A list of accounts. */
  ACCOUNTS = 'ACCOUNTS',
}

/**
 * The accounts an organization-scoped pipeline runs over. Only ACTIVE accounts are ever
 * scanned: suspended and closing ones are left out of every run.
 *
 * @example
 * OrganizationTargets.organizationalUnits(['ou-ab12-cd34ef56']);
 */
export class OrganizationTargets {
  /** Every active account of the organization, listed at each run (new accounts join the next run). */
  public static entireOrganization(): OrganizationTargets {
    return new OrganizationTargets(OrganizationTargetKind.ENTIRE_ORGANIZATION, []);
  }

  /**
   * The active accounts of these organizational units (`ou-...`) or roots (`r-...`), and of every
   * OU nested under them, listed at each run. Reports total savings by OU.
   */
  public static organizationalUnits(parentIds: string[]): OrganizationTargets {
    return new OrganizationTargets(OrganizationTargetKind.ORGANIZATIONAL_UNITS, [...parentIds]);
  }

  /** These 12-digit accounts, when they are active members of the organization. */
  public static accounts(accountIds: string[]): OrganizationTargets {
    return new OrganizationTargets(OrganizationTargetKind.ACCOUNTS, [...accountIds]);
  }

  /** What the ids are. */
  public readonly kind: OrganizationTargetKind;
  /** The OU / root ids or account ids; empty for the entire organization. */
  public readonly ids: string[];

  private constructor(kind: OrganizationTargetKind, ids: string[]) {
    this.kind = kind;
    this.ids = ids;
  }
}

/**
 * Runs the storage optimizer over accounts x regions of an AWS Organization, from the management
 * account or a delegated administrator. Each account must hold the member roles the pipeline
 * assumes (see `OptimizationPipeline.memberRoleTrust()`).
 */
export interface OrganizationScope {
  /** The accounts to run over. */
  readonly targets: OrganizationTargets;

  /**
   * The Regions to inventory in every account (1-40 names such as `eu-west-1`).
   *
   * @see https://docs.aws.amazon.com/general/latest/gr/rande.html
   */
  readonly regions: string[];

  /**
   * Name of the read-only role in each member account (EC2 DescribeVolumes / DescribeSnapshots).
   *
   * @default 'FinOpsOptimizationRead'
   */
  readonly readRoleName?: string;

  /**
   * Name of the role in each member account that executes approved storage actions.
   *
   * @default 'FinOpsOptimizationExecutor'
   */
  readonly executorRoleName?: string;

  /**
   * How many account-and-region scans run at once (1-10,000): each assumes a role and calls
   * EC2 in one account and Region.
   *
   * @default 40
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
   */
  readonly maxConcurrency?: number;

  /**
   * How long one account-and-region scan may take (at most 15 minutes).
   *
   * @default Duration.minutes(2)
   */
  readonly scanTimeout?: Duration;

  /**
   * The cost category whose values are the business units: the report adds totals by business
   * unit (JSON, Markdown and a CSV of its own). Each account goes to the value that carried most
   * of its cost last month, read with one paged Cost Explorer request per run (grouped by linked
   * account and the category, 0.01 USD a page); an account with no value goes to "(no value)".
   * A `CostCategoryOrg` of this app, or one defined elsewhere through
   * `CostCategoryOrg.fromCostCategoryName(this, 'BusinessUnits', 'business-unit')`.
   *
   * @default - no totals by business unit, and no Cost Explorer request
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
   */
  readonly businessUnitCostCategory?: ICostCategory;
}
