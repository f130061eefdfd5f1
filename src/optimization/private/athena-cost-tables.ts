import { AthenaMapKey } from './athena-cost-filter';
import { describeList, isUnresolved, RuleViolation } from '../../core/validation';
import { CostMetric } from '../cost-analysis-options';

/** What one row adds to a metric, as exact DECIMAL SQL, and the columns that reads. */
export interface AthenaMetric {
  readonly sql: string;
  readonly columns: string[];
}

/**
 * How the Athena mode reads one kind of report table: which column answers each Cost Explorer
 * dimension and metric, and where tags and cost categories are. Column names are lower case, as
 * the library's Glue tables declare them (src/cur/private/tables.ts).
 */
export interface AthenaCostTable {
  /** How messages name the table: "CUR 2.0", "FOCUS". */
  readonly label: string;
  /** The column of each Cost Explorer dimension the mode breaks costs down and filters by. */
  readonly dimensionColumns: Readonly<Record<string, string>>;
  /** Columns that name a group's value (Cost Explorer's DimensionValueAttributes), where the table has one. */
  readonly nameColumns: Readonly<Record<string, string>>;
  /** The start of each row's charge: the analysed days filter it, and DAILY groups by its day. */
  readonly chargeStartColumn: string;
  /** The column whose values a SERVICE filter or breakdown matches, e.g. "AmazonEC2". */
  readonly serviceColumn: string;
  /** What one row adds to the metric, or why this table has no column for it. */
  metricOf(metric: CostMetric): AthenaMetric | RuleViolation;
  /** Where a tag's or a cost category's value is, or why this table cannot say. */
  mapKeyOf(kind: 'TAG' | 'COST_CATEGORY', key: string): AthenaMapKey | RuleViolation;
}

function exactColumn(column: string): AthenaMetric {
  return { sql: `CAST(${column} AS DECIMAL(38, 10))`, columns: [column] };
}

function exact(column: string): string {
  return `coalesce(CAST(${column} AS DECIMAL(38, 10)), 0)`;
}

/**
 * A cost category name whose map key no AWS page we read states unless it is its own rewrite: the
 * AWS Cloud Intelligence Dashboards read CUR 2.0's cost_category (and FOCUS's x_CostCategories,
 * src/cur/private/table-dictionary.ts) keyed by the name, and the legacy CUR rewrote other
 * characters, so only names in [a-z0-9_] are offered.
 */
function plainKeyViolation(kind: 'a tag' | 'a cost category', key: string, table: string): RuleViolation | undefined {
  return isUnresolved(key) || /^[a-z0-9_]+$/.test(key) ? undefined : {
    value: key,
    rule: `the Athena mode reads ${kind} whose name is lower-case letters, digits and "_" (the ${table} map keys other names rewritten in a way no AWS page states)`,
    fix: `use the Cost Explorer mode for ${kind === 'a tag' ? 'this tag' : 'this cost category'}`,
  };
}

/**
 * Amortized cost per line item, as the AWS Well-Architected Labs' CUR Query Library computes it
 * ("It closely matches Cost Explorer result when "show costs as" amortized cost is selected"):
 * awslabs/aws-well-architected-labs, static/Cost/300_CUR_Queries/Code/Global/amortized_cost_by_charge_type.sql
 * (https://github.com/awslabs/aws-well-architected-labs/blob/master/static/Cost/300_CUR_Queries/Code/Global/amortized_cost_by_charge_type.sql):
 *
 *   WHEN (line_item_line_item_type = 'SavingsPlanCoveredUsage') THEN savings_plan_savings_plan_effective_cost
 *   WHEN (line_item_line_item_type = 'SavingsPlanRecurringFee') THEN round((savings_plan_total_commitment_to_date - savings_plan_used_commitment),8)
 *   WHEN (line_item_line_item_type = 'SavingsPlanNegation') THEN 0
 *   WHEN (line_item_line_item_type = 'SavingsPlanUpfrontFee') THEN 0
 *   WHEN (line_item_line_item_type = 'DiscountedUsage') THEN reservation_effective_cost
 *   WHEN (line_item_line_item_type = 'RIFee') THEN (reservation_unused_amortized_upfront_fee_for_billing_period + reservation_unused_recurring_fee)
 *   WHEN ((line_item_line_item_type = 'Fee') AND (reservation_reservation_a_r_n <> '')) THEN 0 ELSE line_item_unblended_cost END
 *
 * Written for the legacy CUR, whose columns CUR 2.0 keeps under the same names. Here each column is
 * read as DECIMAL (exact, no round) and a missing fee counts as 0.
 */
const CUR2_AMORTIZED_COST: AthenaMetric = {
  sql: [
    'CASE',
    `    WHEN line_item_line_item_type = 'SavingsPlanCoveredUsage' THEN ${exact('savings_plan_savings_plan_effective_cost')}`,
    `    WHEN line_item_line_item_type = 'SavingsPlanRecurringFee' THEN ${exact('savings_plan_total_commitment_to_date')} - ${exact('savings_plan_used_commitment')}`,
    "    WHEN line_item_line_item_type IN ('SavingsPlanNegation', 'SavingsPlanUpfrontFee') THEN 0",
    `    WHEN line_item_line_item_type = 'DiscountedUsage' THEN ${exact('reservation_effective_cost')}`,
    `    WHEN line_item_line_item_type = 'RIFee' THEN ${exact('reservation_unused_amortized_upfront_fee_for_billing_period')} + ${exact('reservation_unused_recurring_fee')}`,
    "    WHEN line_item_line_item_type = 'Fee' AND reservation_reservation_a_r_n <> '' THEN 0",
    `    ELSE ${exact('line_item_unblended_cost')}`,
    '  END',
  ].join('\n'),
  columns: [
    'line_item_line_item_type', 'savings_plan_savings_plan_effective_cost', 'savings_plan_total_commitment_to_date', 'savings_plan_used_commitment',
    'reservation_effective_cost', 'reservation_unused_amortized_upfront_fee_for_billing_period', 'reservation_unused_recurring_fee',
    'reservation_reservation_a_r_n', 'line_item_unblended_cost',
  ],
};

/**
 * The CUR 2.0 column each metric sums, where one column is the metric; AMORTIZED_COST is the
 * expression of {@link CUR2_AMORTIZED_COST}. NET_AMORTIZED_COST is refused: no AWS source we read
 * states its expression over CUR 2.0 columns.
 */
const CUR2_METRIC_COLUMNS: Readonly<Partial<Record<CostMetric, string>>> = {
  [CostMetric.UNBLENDED_COST]: 'line_item_unblended_cost',
  [CostMetric.BLENDED_COST]: 'line_item_blended_cost',
  [CostMetric.NET_UNBLENDED_COST]: 'line_item_net_unblended_cost',
  [CostMetric.USAGE_QUANTITY]: 'line_item_usage_amount',
};

/**
 * The CUR 2.0 table (COST_AND_USAGE_REPORT). SERVICE is the product code ("AmazonEC2"), as the
 * report's own cost-by-service named query groups it; Cost Explorer names services ("Amazon Elastic
 * Compute Cloud - Compute"), so the keys differ by mode.
 *
 * Tags and cost categories are the map columns resource_tags and cost_category: "resource_tags | A
 * map column containing key-value pairs of resource tags and their values for a given line item.
 * The values in this column are all of data type "string". Resource tag keys only appear in this
 * column if they've been enabled as cost allocation tags in the Billing console ... map <string,
 * string>" (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2-resource-tags.html);
 * cost_category is declared map<string,string> the same way (src/cur/private/table-dictionary.ts).
 * The legacy CUR's Athena column of the tag `team` is resource_tags_user_team, and CUR 2.0 keys the
 * same tag `user_team` in resource_tags (the AWS Cloud Intelligence Dashboards map one to the other:
 * aws-samples/aws-cudos-framework-deployment, cid/helpers/cur_proxy.py, `resource_tags_<key>` to
 * `resource_tags['<key>']`; cost_category the same way without a prefix). How the export rewrites
 * other characters (capitals, "-", ":") no AWS page we read states, so only keys whose rewrite is the
 * identity are offered.
 */
export const CUR2_COST_TABLE: AthenaCostTable = {
  label: 'CUR 2.0',
  dimensionColumns: {
    SERVICE: 'line_item_product_code',
    LINKED_ACCOUNT: 'line_item_usage_account_id',
    REGION: 'product_region_code',
    USAGE_TYPE: 'line_item_usage_type',
    INSTANCE_TYPE: 'product_instance_type',
  },
  nameColumns: { LINKED_ACCOUNT: 'line_item_usage_account_name' },
  chargeStartColumn: 'line_item_usage_start_date',
  serviceColumn: 'line_item_product_code',
  metricOf(metric) {
    if (metric === CostMetric.AMORTIZED_COST) {
      return CUR2_AMORTIZED_COST;
    }
    const column = CUR2_METRIC_COLUMNS[metric];
    return column !== undefined ? exactColumn(column) : {
      value: metric,
      rule: `the Athena mode sums ${describeList([...Object.keys(CUR2_METRIC_COLUMNS), CostMetric.AMORTIZED_COST])} over a CUR 2.0 table`,
      fix: 'pick one of these metrics, query a FOCUS table (CurExport.focus), whose EffectiveCost is net amortized, or read net amortized costs from Cost Explorer',
    };
  },
  mapKeyOf(kind, key) {
    const violation = plainKeyViolation(kind === 'TAG' ? 'a tag' : 'a cost category', key, 'CUR 2.0');
    if (violation !== undefined) {
      return violation;
    }
    return kind === 'TAG' ? { column: 'resource_tags', key: `user_${key}` } : { column: 'cost_category', key };
  },
};

/**
 * The FOCUS column each Cost Explorer metric sums, only where the two definitions are the same.
 *
 * Cost Explorer, "Choosing advanced options" (https://docs.aws.amazon.com/cost-management/latest/userguide/ce-advanced.html,
 * as awsdocs/aws-cost-management-user-guide, doc_source/ce-advanced.md, publishes it):
 * - "Show net unblended costs: This cost metric reflects the cost after discounts."
 * - "Show net amortized costs: This cost metric amortizes the upfront and monthly reservation fees
 *   while including discounts such as RI volume discounts."
 * - "Show unblended costs: This cost metric reflects the cost of the usage. When grouped by charge
 *   type, unblended costs separate discounts into their own line items."
 * - "Show amortized costs: ... AWS estimates your amortized costs by combining your unblended costs
 *   with the amortized portion of your upfront and recurring reservation fees."
 * - "Show blended costs: This cost metric reflects the average cost of usage across the
 *   consolidated billing family."
 * and "Your Net Unblended Costs: This enables you to see your net costs after all applicable
 * discounts are calculated" (https://docs.aws.amazon.com/cost-management/latest/userguide/ce-exploring-data.html,
 * doc_source/ce-exploring-data.md).
 *
 * AWS's FOCUS table: "BilledCost | A charge serving as the basis for invoicing, inclusive of all
 * reduced rates and discounts while excluding the amortization of upfront charges (one-time or
 * recurring). | double" (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-2-aws-columns.html;
 * the FOCUS 1.0 page, https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws-columns.html,
 * we could read only in its Chinese translation, which says the same). AWS's table "contains your
 * cost and usage data formatted with FinOps Open Cost and Usage Specification (FOCUS) 1.0"
 * (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws.html), whose
 * EffectiveCost is "The amortized cost of the charge after applying all reduced rates, discounts,
 * and the applicable portion of relevant, prepaid purchases (one-time or recurring) that covered this
 * charge" (FOCUS 1.0, FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, tag v1.0,
 * specification/columns/effectivecost.md; its BilledCost description there is AWS's, word for word).
 *
 * So: net unblended (after all discounts, not amortized) is BilledCost (all discounts, without
 * amortization); net amortized (amortized, with discounts) is EffectiveCost (amortized, after all
 * discounts). No FOCUS column is cost before discounts at the rates charged (unblended, amortized:
 * ListCost is at public prices, ContractedCost at negotiated ones), blended ("Effective Cost does
 * not mix or "blend" costs across multiple charges", effectivecost.md), or Cost Explorer's usage
 * quantity, so those metrics are refused.
 */
const FOCUS_METRIC_COLUMNS: Readonly<Partial<Record<CostMetric, string>>> = {
  [CostMetric.NET_UNBLENDED_COST]: 'billedcost',
  [CostMetric.NET_AMORTIZED_COST]: 'effectivecost',
};

/**
 * AWS's FOCUS 1.0 table (FOCUS_1_0_AWS): SubAccountId and SubAccountName for linked accounts,
 * RegionId, and two of the "five additional columns from AWS that contain proprietary billing data.
 * These columns are x_CostCategories, x_Discounts, x_Operation, x_ServiceCode, and x_UsageType"
 * (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws.html).
 *
 * SERVICE is x_ServiceCode, not ServiceName: Cost Explorer's SERVICE values ("Amazon Elastic Compute
 * Cloud - Compute", "EC2 - Other") are neither column's, and the service code is what the CUR 2.0
 * table groups by (line_item_product_code), so both Athena tables give the same keys and a SERVICE
 * filter names services the same way. FOCUS 1.0 has no instance type column: INSTANCE_TYPE is refused.
 *
 * Tags: "Providers MUST NOT alter user-defined Tag keys or values", and a user-defined tag "doesn't
 * have a provider prefix" (FOCUS 1.0, specification/columns/tags.md), so a tag is read under its own
 * key. Cost categories are x_CostCategories, keyed as CUR 2.0's cost_category (see {@link plainKeyViolation}).
 */
export const FOCUS_COST_TABLE: AthenaCostTable = {
  label: 'FOCUS',
  dimensionColumns: {
    SERVICE: 'x_servicecode',
    LINKED_ACCOUNT: 'subaccountid',
    REGION: 'regionid',
    USAGE_TYPE: 'x_usagetype',
  },
  nameColumns: { LINKED_ACCOUNT: 'subaccountname' },
  chargeStartColumn: 'chargeperiodstart',
  serviceColumn: 'x_servicecode',
  metricOf(metric) {
    const column = FOCUS_METRIC_COLUMNS[metric];
    return column !== undefined ? exactColumn(column) : {
      value: metric,
      rule: 'over a FOCUS table the Athena mode sums NetUnblendedCost (BilledCost) or NetAmortizedCost (EffectiveCost): '
        + 'for the other metrics no FOCUS column is the same by the AWS definitions (Cost Explorer\'s advanced options, the FOCUS 1.0 columns)',
      fix: 'pick NET_UNBLENDED_COST or NET_AMORTIZED_COST, or query a CUR 2.0 table (CurExport.cur2) or Cost Explorer for this metric',
    };
  },
  mapKeyOf(kind, key) {
    if (kind === 'TAG') {
      return { column: 'tags', key };
    }
    return plainKeyViolation('a cost category', key, 'FOCUS') ?? { column: 'x_costcategories', key };
  },
};

/** The reading of each table kind the Athena mode queries. */
export const ATHENA_COST_TABLES: Readonly<Record<'cur2' | 'focus', AthenaCostTable>> = {
  cur2: CUR2_COST_TABLE,
  focus: FOCUS_COST_TABLE,
};
