/**
 * The columns of each report table, with the Glue (Hive) type of their Parquet data.
 *
 * The AWS table dictionaries (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-table-dictionary.html
 * and https://docs.aws.amazon.com/cur/latest/userguide/data-dictionary.html) are the reference; where
 * we could read only part of a page, the lists come from public AWS templates that select the whole
 * table, each named where it is used. Athena reads Parquet columns by name, so a declared column
 * that a file lacks reads as null.
 */

/** A column and its Glue type. */
export interface ColumnType {
  readonly name: string;
  readonly type: string;
}

const STRING = 'string';
const DOUBLE = 'double';
const TIMESTAMP = 'timestamp';
const STRING_MAP = 'map<string,string>';
const DOUBLE_MAP = 'map<string,double>';

function columns(type: string, names: string[]): ColumnType[] {
  return names.map((name) => ({ name, type }));
}

/**
 * CUR 2.0 (COST_AND_USAGE_REPORT) columns available in every configuration: the column list that
 * both the AWS Cloud Intelligence Dashboards and the Terraform AWS provider select from the table
 * (aws-samples/aws-cudos-framework-deployment, cfn-templates/data-exports-aggregation.yaml, mapping
 * DataExports.CUR2.DefaultQuery; hashicorp/terraform-provider-aws,
 * internal/service/bcmdataexports/export_test.go, TestAccBCMDataExportsExport_curSubset), less
 * line_item_resource_id, which INCLUDE_RESOURCES adds.
 *
 * Types: as the Cloud Intelligence Dashboards declare them in their Glue table over this export
 * (data-exports-aggregation.yaml, resource CURTable) and, for the columns that table leaves out, by
 * the rule of aws-samples/aws-cudos-framework-deployment cid/helpers/cur.py (`get_type_of_column`:
 * names ending in _cost, _factor, _quantity, _fee, _amount, _discount, _usage are DOUBLE, _date
 * TIMESTAMP, CUR 2.0 _time STRING, named special cases DOUBLE, the rest STRING). One exception:
 * savings_plan_net_recurring_commitment_for_billing_period is declared double like its gross
 * column savings_plan_recurring_commitment_for_billing_period, which that rule lists as DOUBLE.
 */
export const CUR2_BASE_COLUMNS: readonly ColumnType[] = [
  ...columns(STRING, ['bill_bill_type', 'bill_billing_entity']),
  ...columns(TIMESTAMP, ['bill_billing_period_end_date', 'bill_billing_period_start_date']),
  ...columns(STRING, ['bill_invoice_id', 'bill_invoicing_entity', 'bill_payer_account_id', 'bill_payer_account_name']),
  { name: 'cost_category', type: STRING_MAP },
  { name: 'discount', type: DOUBLE_MAP },
  ...columns(DOUBLE, ['discount_bundled_discount', 'discount_total_discount']),
  ...columns(STRING, ['identity_line_item_id', 'identity_time_interval', 'line_item_availability_zone']),
  { name: 'line_item_blended_cost', type: DOUBLE },
  ...columns(STRING, [
    'line_item_blended_rate',
    'line_item_currency_code',
    'line_item_legal_entity',
    'line_item_line_item_description',
    'line_item_line_item_type',
  ]),
  { name: 'line_item_net_unblended_cost', type: DOUBLE },
  { name: 'line_item_net_unblended_rate', type: STRING },
  ...columns(DOUBLE, ['line_item_normalization_factor', 'line_item_normalized_usage_amount']),
  ...columns(STRING, ['line_item_operation', 'line_item_product_code', 'line_item_tax_type']),
  { name: 'line_item_unblended_cost', type: DOUBLE },
  ...columns(STRING, ['line_item_unblended_rate', 'line_item_usage_account_id', 'line_item_usage_account_name']),
  { name: 'line_item_usage_amount', type: DOUBLE },
  ...columns(TIMESTAMP, ['line_item_usage_end_date', 'line_item_usage_start_date']),
  { name: 'line_item_usage_type', type: STRING },
  ...columns(STRING, ['pricing_currency', 'pricing_lease_contract_length', 'pricing_offering_class']),
  { name: 'pricing_public_on_demand_cost', type: DOUBLE },
  ...columns(STRING, ['pricing_public_on_demand_rate', 'pricing_purchase_option', 'pricing_rate_code', 'pricing_rate_id', 'pricing_term', 'pricing_unit']),
  { name: 'product', type: STRING_MAP },
  ...columns(STRING, [
    'product_comment',
    'product_fee_code',
    'product_fee_description',
    'product_from_location',
    'product_from_location_type',
    'product_from_region_code',
    'product_instance_family',
    'product_instance_type',
    'product_instancesku',
    'product_location',
    'product_location_type',
    'product_operation',
    'product_pricing_unit',
    'product_product_family',
    'product_region_code',
    'product_servicecode',
    'product_sku',
    'product_to_location',
    'product_to_location_type',
    'product_to_region_code',
    'product_usagetype',
  ]),
  ...columns(DOUBLE, ['reservation_amortized_upfront_cost_for_usage', 'reservation_amortized_upfront_fee_for_billing_period']),
  { name: 'reservation_availability_zone', type: STRING },
  { name: 'reservation_effective_cost', type: DOUBLE },
  ...columns(STRING, ['reservation_end_time', 'reservation_modification_status']),
  ...columns(DOUBLE, [
    'reservation_net_amortized_upfront_cost_for_usage',
    'reservation_net_amortized_upfront_fee_for_billing_period',
    'reservation_net_effective_cost',
    'reservation_net_recurring_fee_for_usage',
    'reservation_net_unused_amortized_upfront_fee_for_billing_period',
    'reservation_net_unused_recurring_fee',
    'reservation_net_upfront_value',
  ]),
  ...columns(STRING, ['reservation_normalized_units_per_reservation', 'reservation_number_of_reservations']),
  { name: 'reservation_recurring_fee_for_usage', type: DOUBLE },
  ...columns(STRING, [
    'reservation_reservation_a_r_n',
    'reservation_start_time',
    'reservation_subscription_id',
    'reservation_total_reserved_normalized_units',
    'reservation_total_reserved_units',
    'reservation_units_per_reservation',
  ]),
  ...columns(DOUBLE, [
    'reservation_unused_amortized_upfront_fee_for_billing_period',
    'reservation_unused_normalized_unit_quantity',
    'reservation_unused_quantity',
    'reservation_unused_recurring_fee',
    'reservation_upfront_value',
  ]),
  { name: 'resource_tags', type: STRING_MAP },
  { name: 'savings_plan_amortized_upfront_commitment_for_billing_period', type: DOUBLE },
  ...columns(STRING, ['savings_plan_end_time', 'savings_plan_instance_type_family']),
  ...columns(DOUBLE, [
    'savings_plan_net_amortized_upfront_commitment_for_billing_period',
    'savings_plan_net_recurring_commitment_for_billing_period',
    'savings_plan_net_savings_plan_effective_cost',
  ]),
  ...columns(STRING, ['savings_plan_offering_type', 'savings_plan_payment_option', 'savings_plan_purchase_term']),
  { name: 'savings_plan_recurring_commitment_for_billing_period', type: DOUBLE },
  { name: 'savings_plan_region', type: STRING },
  { name: 'savings_plan_savings_plan_a_r_n', type: STRING },
  ...columns(DOUBLE, ['savings_plan_savings_plan_effective_cost', 'savings_plan_savings_plan_rate']),
  { name: 'savings_plan_start_time', type: STRING },
  ...columns(DOUBLE, ['savings_plan_total_commitment_to_date', 'savings_plan_used_commitment']),
];

/** The CUR 2.0 column that INCLUDE_RESOURCES adds. */
export const CUR2_RESOURCE_COLUMNS: readonly ColumnType[] = [{ name: 'line_item_resource_id', type: STRING }];

/** The CUR 2.0 columns that INCLUDE_SPLIT_COST_ALLOCATION_DATA adds (data-exports-aggregation.yaml, DataExports.CUR2.SCADQuery; types from its CURTable). */
export const CUR2_SPLIT_COST_COLUMNS: readonly ColumnType[] = [
  { name: 'split_line_item_actual_usage', type: DOUBLE },
  { name: 'split_line_item_net_split_cost', type: DOUBLE },
  { name: 'split_line_item_net_unused_cost', type: DOUBLE },
  { name: 'split_line_item_parent_resource_id', type: STRING },
  { name: 'split_line_item_public_on_demand_split_cost', type: DOUBLE },
  { name: 'split_line_item_public_on_demand_unused_cost', type: DOUBLE },
  { name: 'split_line_item_reserved_usage', type: DOUBLE },
  { name: 'split_line_item_split_cost', type: DOUBLE },
  { name: 'split_line_item_split_usage', type: DOUBLE },
  { name: 'split_line_item_split_usage_ratio', type: DOUBLE },
  { name: 'split_line_item_unused_cost', type: DOUBLE },
];

/** The column prefix that only INCLUDE_SPLIT_COST_ALLOCATION_DATA makes available. */
export const SPLIT_COST_COLUMN_PREFIX = 'split_line_item_';

/**
 * FOCUS 1.0 with AWS columns (FOCUS_1_0_AWS), as named in the export query (PascalCase; Glue lower-cases them).
 *
 * The whole table: the 43 columns of the FOCUS 1.0 specification and AWS's five x_ columns, as the
 * AWS Cloud Intelligence Dashboards select them (aws-samples/aws-cudos-framework-deployment,
 * cfn-templates/data-exports-aggregation.yaml, mapping DataExports.FOCUS.DefaultQuery). The AWS page
 * (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws-columns.html)
 * lists the same columns as far as we could read it (AvailabilityZone to ConsumedQuantity) with
 * these types: "BilledCost ... double", "BillingPeriodEnd ... timestamp", "ConsumedQuantity ... double".
 * The other types are those of the dashboards' Glue table (resource FOCUSTable), which leaves out the
 * x_ columns: x_CostCategories and x_Discounts are the key-value maps of the CUR 2.0 cost_category
 * and discount columns, the other x_ columns strings.
 */
export const FOCUS_COLUMNS: readonly ColumnType[] = [
  { name: 'AvailabilityZone', type: STRING },
  { name: 'BilledCost', type: DOUBLE },
  ...columns(STRING, ['BillingAccountId', 'BillingAccountName', 'BillingCurrency']),
  ...columns(TIMESTAMP, ['BillingPeriodEnd', 'BillingPeriodStart']),
  ...columns(STRING, ['ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargeFrequency']),
  ...columns(TIMESTAMP, ['ChargePeriodEnd', 'ChargePeriodStart']),
  ...columns(STRING, [
    'CommitmentDiscountCategory',
    'CommitmentDiscountId',
    'CommitmentDiscountName',
    'CommitmentDiscountStatus',
    'CommitmentDiscountType',
  ]),
  { name: 'ConsumedQuantity', type: DOUBLE },
  { name: 'ConsumedUnit', type: STRING },
  ...columns(DOUBLE, ['ContractedCost', 'ContractedUnitPrice', 'EffectiveCost']),
  { name: 'InvoiceIssuerName', type: STRING },
  ...columns(DOUBLE, ['ListCost', 'ListUnitPrice']),
  { name: 'PricingCategory', type: STRING },
  { name: 'PricingQuantity', type: DOUBLE },
  ...columns(STRING, [
    'PricingUnit',
    'ProviderName',
    'PublisherName',
    'RegionId',
    'RegionName',
    'ResourceId',
    'ResourceName',
    'ResourceType',
    'ServiceCategory',
    'ServiceName',
    'SkuId',
    'SkuPriceId',
    'SubAccountId',
    'SubAccountName',
  ]),
  { name: 'Tags', type: STRING_MAP },
  { name: 'x_CostCategories', type: STRING_MAP },
  { name: 'x_Discounts', type: DOUBLE_MAP },
  ...columns(STRING, ['x_Operation', 'x_ServiceCode', 'x_UsageType']),
];

/**
 * Cost Optimization Hub recommendations (COST_OPTIMIZATION_RECOMMENDATIONS): the columns the AWS
 * Cloud Intelligence Dashboards select and type in their Glue table (aws-samples/aws-cudos-framework-deployment,
 * cfn-templates/data-exports-aggregation.yaml, DataExports.COH.DefaultQuery and resource COHTable),
 * with the AWS page's types where we could read them: "last_refresh_timestamp | ... | timestamp",
 * "recommendation_lookback_period_in_days | ... | integer"
 * (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cor-columns.html). We could
 * not read the page past "region": restart_needed and rollback_possible are boolean as the
 * dashboards' table declares them.
 */
export const COST_OPTIMIZATION_COLUMNS: readonly ColumnType[] = [
  ...columns(STRING, [
    'account_id',
    'action_type',
    'currency_code',
    'current_resource_details',
    'current_resource_summary',
    'current_resource_type',
  ]),
  ...columns(DOUBLE, [
    'estimated_monthly_cost_after_discount',
    'estimated_monthly_cost_before_discount',
    'estimated_monthly_savings_after_discount',
    'estimated_monthly_savings_before_discount',
    'estimated_savings_percentage_after_discount',
    'estimated_savings_percentage_before_discount',
  ]),
  { name: 'implementation_effort', type: STRING },
  { name: 'last_refresh_timestamp', type: TIMESTAMP },
  { name: 'recommendation_id', type: STRING },
  { name: 'recommendation_lookback_period_in_days', type: 'int' },
  ...columns(STRING, [
    'recommendation_source',
    'recommended_resource_details',
    'recommended_resource_summary',
    'recommended_resource_type',
    'region',
    'resource_arn',
  ]),
  ...columns('boolean', ['restart_needed', 'rollback_possible']),
  { name: 'tags', type: STRING_MAP },
];

/**
 * The recommendations column that the AWS page lists and the dashboards' older list lacks: known
 * (selectable, typed), but left out of the default selection, which keeps to columns that a
 * deployed export has been seen to select.
 */
export const COST_OPTIMIZATION_NEWER_COLUMNS: readonly ColumnType[] = [{ name: 'account_name', type: STRING }];

/** What this library knows of the columns of one Data Exports table. */
export interface TableColumns {
  /** Every column this library knows, in any table configuration. */
  readonly known: readonly ColumnType[];
  /**
   * Whether `known` is the whole table, so that a column outside it is refused. Otherwise AWS has
   * been adding columns to the table, and an unknown column is reported but accepted.
   */
  readonly complete: boolean;
  /** The table's page of the AWS table dictionary. */
  readonly page: string;
}

/** The columns of each Data Exports table. */
export const DATA_EXPORT_TABLE_COLUMNS: Readonly<Record<'cur2' | 'focus' | 'costOptimization', TableColumns>> = {
  // Not complete: AWS documents CUR 2.0 columns the lists above lack, e.g. the capacity_reservation_*
  // columns "Added by: INCLUDE CAPACITY RESERVATION DATA"
  // (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2-capacity-reservation.html) and
  // line_item_iam_principal and line_item_user_identifier
  // (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-migrate.html), and we could not read
  // every page of the CUR 2.0 dictionary.
  cur2: {
    known: [...CUR2_BASE_COLUMNS, ...CUR2_RESOURCE_COLUMNS, ...CUR2_SPLIT_COST_COLUMNS],
    complete: false,
    page: 'https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html',
  },
  // Complete: FOCUS 1.0 is a fixed version of the specification (AWS publishes later versions as
  // other tables, e.g. FOCUS_1_2_AWS).
  focus: {
    known: FOCUS_COLUMNS,
    complete: true,
    page: 'https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws-columns.html',
  },
  // Not complete: the AWS page lists account_name, which the dashboards' older list lacks.
  costOptimization: {
    known: [...COST_OPTIMIZATION_COLUMNS, ...COST_OPTIMIZATION_NEWER_COLUMNS],
    complete: false,
    page: 'https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cor-columns.html',
  },
};

/**
 * The legacy report's Parquet columns (Athena integration names: category_column, lower case)
 * that the queries of this library use, plus the commonly read ones.
 */
export const LEGACY_BASE_COLUMNS: readonly ColumnType[] = [
  ...columns(STRING, ['identity_line_item_id', 'identity_time_interval', 'bill_invoice_id', 'bill_billing_entity', 'bill_bill_type', 'bill_payer_account_id']),
  ...columns(TIMESTAMP, ['bill_billing_period_start_date', 'bill_billing_period_end_date']),
  ...columns(STRING, ['line_item_usage_account_id', 'line_item_line_item_type']),
  ...columns(TIMESTAMP, ['line_item_usage_start_date', 'line_item_usage_end_date']),
  ...columns(STRING, ['line_item_product_code', 'line_item_usage_type', 'line_item_operation', 'line_item_availability_zone']),
  ...columns(DOUBLE, ['line_item_usage_amount', 'line_item_normalization_factor', 'line_item_normalized_usage_amount']),
  ...columns(STRING, ['line_item_currency_code', 'line_item_unblended_rate']),
  { name: 'line_item_unblended_cost', type: DOUBLE },
  { name: 'line_item_blended_rate', type: STRING },
  { name: 'line_item_blended_cost', type: DOUBLE },
  ...columns(STRING, ['line_item_line_item_description', 'line_item_tax_type', 'line_item_legal_entity']),
  ...columns(STRING, ['product_product_name', 'product_product_family', 'product_region', 'product_instance_type', 'product_servicecode']),
  { name: 'pricing_public_on_demand_cost', type: DOUBLE },
  ...columns(STRING, ['pricing_term', 'pricing_unit']),
  { name: 'reservation_effective_cost', type: DOUBLE },
  { name: 'savings_plan_savings_plan_effective_cost', type: DOUBLE },
];

/** The legacy column of the RESOURCES schema element. */
export const LEGACY_RESOURCE_COLUMNS: readonly ColumnType[] = [{ name: 'line_item_resource_id', type: STRING }];

/**
 * The legacy report's Athena column of a cost category: "cost_category_" and the name with an
 * underscore before each capital letter, lower case, other characters as "_", repeated underscores
 * collapsed: CostCenter is cost_category_cost_center. This is the rule the issue reports AWS applies
 * to legacy CUR columns in Athena; we could not find the AWS page that states it (searched the CUR
 * user guide's Athena pages), so it is not quoted here.
 */
export function legacyCostCategoryColumn(categoryName: string): string {
  const words = categoryName.replace(/[A-Z]/g, (capital) => `_${capital}`).toLowerCase().replace(/[^a-z0-9]/g, '_');
  return `cost_category_${words}`.replace(/_+/g, '_').replace(/_$/, '');
}
