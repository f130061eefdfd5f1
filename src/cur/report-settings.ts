/**
 * How often a report's line items are aggregated.
 *
 * @see https://docs.aws.amazon.com/cur/latest/userguide/cur-create.html
 */
export enum ReportTimeUnit {
  /** One line item per resource and hour. */
  HOURLY = 'HOURLY',
  /** One line item per resource and day. */
  DAILY = 'DAILY',
  /** One line item per resource and month. */
  MONTHLY = 'MONTHLY',
}

/**
 * The file format of delivered report data.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_bcm-data-exports_S3OutputConfigurations.html
 */
export enum ReportFormat {
  /** Apache Parquet: columnar, what Athena reads fastest and cheapest. Pairs with ReportCompression.PARQUET. */
  PARQUET = 'PARQUET',
  /** Text/CSV. Pairs with ReportCompression.GZIP (or ZIP for the legacy report). */
  TEXT_OR_CSV = 'TEXT_OR_CSV',
}

/**
 * The compression of delivered report data.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cur-reportdefinition.html
 */
export enum ReportCompression {
  /** Parquet's own compression (Snappy). Only with ReportFormat.PARQUET. */
  PARQUET = 'PARQUET',
  /** GZIP, with ReportFormat.TEXT_OR_CSV. */
  GZIP = 'GZIP',
  /** ZIP, with ReportFormat.TEXT_OR_CSV, legacy report only. */
  ZIP = 'ZIP',
}

/**
 * What happens to earlier deliveries of the same billing period.
 *
 * @see https://docs.aws.amazon.com/cur/latest/userguide/cur-create.html
 */
export enum ReportVersioning {
  /** Each delivery replaces the previous one: one current copy per billing period, what Athena tables need. */
  OVERWRITE_REPORT = 'OVERWRITE_REPORT',
  /** Each delivery is kept next to the previous ones. */
  CREATE_NEW_REPORT = 'CREATE_NEW_REPORT',
}

/**
 * Extra columns of the legacy report.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_cur_ReportDefinition.html
 */
export enum SchemaElement {
  /** Resource IDs (line_item_resource_id). */
  RESOURCES = 'RESOURCES',
  /** Split cost allocation data for containers (ECS, EKS): split_line_item_* columns. */
  SPLIT_COST_ALLOCATION_DATA = 'SPLIT_COST_ALLOCATION_DATA',
  /** Columns compatible with manual discounts (for accounts migrated to Billing Conductor style discounts). */
  MANUAL_DISCOUNT_COMPATIBILITY = 'MANUAL_DISCOUNT_COMPATIBILITY',
}

/**
 * Integration files the legacy report delivers next to its data.
 *
 * @see https://docs.aws.amazon.com/cur/latest/userguide/cur-create.html
 */
export enum ReportArtifact {
  /** The Athena integration: a Parquet layout partitioned by year and month, and a crawler template. Alone, Parquet, OVERWRITE_REPORT. */
  ATHENA = 'ATHENA',
  /** SQL and manifest files to load the report into Amazon Redshift (text/CSV). */
  REDSHIFT = 'REDSHIFT',
  /** A manifest to load the report into Amazon QuickSight (text/CSV). */
  QUICKSIGHT = 'QUICKSIGHT',
}
