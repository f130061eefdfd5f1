import { ExportConfig } from './private/export-config';
import { ReportArtifact, ReportCompression, ReportFormat, ReportTimeUnit, ReportVersioning, SchemaElement } from './report-settings';

/**
 * File settings shared by every kind of report.
 */
export interface ReportFileOptions {
  /**
   * The file format.
   *
   * @default ReportFormat.PARQUET
   * @see https://docs.aws.amazon.com/cur/latest/userguide/dataexports-create-standard.html
   */
  readonly format?: ReportFormat;

  /**
   * The compression; must pair with the format (Parquet with Parquet, text/CSV with GZIP, or ZIP for the legacy report).
   *
   * @default - ReportCompression.PARQUET for Parquet, ReportCompression.GZIP for text/CSV
   */
  readonly compression?: ReportCompression;

  /**
   * Whether each delivery overwrites the previous one of the billing period or is kept as a new version.
   *
   * @default ReportVersioning.OVERWRITE_REPORT
   */
  readonly versioning?: ReportVersioning;
}

/**
 * A legacy AWS Cost and Usage Report (AWS::CUR::ReportDefinition).
 */
export interface LegacyReportOptions extends ReportFileOptions {
  /**
   * The report name, unique in the account: up to 256 of `0-9 A-Z a-z ! - _ . * ' ( )`, no spaces.
   *
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_cur_ReportDefinition.html
   */
  readonly reportName: string;

  /** @default ReportTimeUnit.DAILY */
  readonly timeUnit?: ReportTimeUnit;

  /**
   * Extra columns, e.g. resource IDs.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/cur/latest/userguide/cur-create.html
   */
  readonly schemaElements?: SchemaElement[];

  /**
   * Integration files delivered with the report. ATHENA stands alone and needs Parquet and OVERWRITE_REPORT.
   *
   * @default - [ReportArtifact.ATHENA] for Parquet reports, none for text/CSV
   * @see https://docs.aws.amazon.com/cur/latest/userguide/cur-query-athena.html
   */
  readonly artifacts?: ReportArtifact[];

  /**
   * Whether AWS updates the reports of closed months when refunds, credits or support fees arrive.
   *
   * @default true
   */
  readonly refreshClosedReports?: boolean;

  /**
   * Cost categories whose columns (`cost_category_<name>`) the Glue table declares and the "cost by
   * cost category" named queries group by. The legacy report's columns follow the account's cost
   * categories, so they cannot be known in advance.
   *
   * @default - no cost category columns and no cost category query
   */
  readonly costCategoryNames?: string[];
}

/**
 * Settings shared by AWS Data Exports.
 */
export interface DataExportOptions extends ReportFileOptions {
  /**
   * The export name, unique in the account: 1-128 of `0-9 A-Z a-z - _`, no spaces.
   *
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_DataExports_Export.html
   */
  readonly exportName: string;

  /**
   * A description, up to 1,024 characters.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * The columns to export, as named in the table dictionary. CurReport creates only the named
   * queries whose columns are selected (the synth lists the others and the columns they need).
   *
   * @default - every column of the table this library knows (see the table dictionary)
   * @see https://docs.aws.amazon.com/cur/latest/userguide/dataexports-table-dictionary.html
   */
  readonly columns?: string[];
}

/**
 * A CUR 2.0 export (table COST_AND_USAGE_REPORT).
 */
export interface Cur2ExportOptions extends DataExportOptions {
  /**
   * The line item granularity (TIME_GRANULARITY).
   *
   * @default ReportTimeUnit.DAILY
   */
  readonly timeGranularity?: ReportTimeUnit;

  /**
   * Include resource IDs: the line_item_resource_id column (INCLUDE_RESOURCES).
   *
   * @default false
   */
  readonly includeResources?: boolean;

  /**
   * Include split cost allocation data of ECS and EKS: the split_line_item_* columns (INCLUDE_SPLIT_COST_ALLOCATION_DATA).
   *
   * @default false
   */
  readonly includeSplitCostAllocationData?: boolean;

  /**
   * Include manual discount compatibility columns (INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY).
   *
   * @default false
   */
  readonly includeManualDiscountCompatibility?: boolean;
}

/**
 * A FOCUS 1.0 export with AWS columns (table FOCUS_1_0_AWS). It has no table configurations.
 */
export interface FocusExportOptions extends DataExportOptions {}

/**
 * A Cost Optimization Hub recommendations export (table COST_OPTIMIZATION_RECOMMENDATIONS). Cost
 * Optimization Hub must be enabled in the account.
 */
export interface CostOptimizationExportOptions extends DataExportOptions {
  /**
   * Export every recommendation, including those that overlap (INCLUDE_ALL_RECOMMENDATIONS). When
   * false, overlapping recommendations are deduplicated so their savings can be summed.
   *
   * @default false
   */
  readonly includeAllRecommendations?: boolean;

  /**
   * A Cost Optimization Hub filter, as JSON (FILTER), e.g. `{"actionTypes":["Rightsize"]}`.
   *
   * @default - no filter
   * @see https://docs.aws.amazon.com/cost-management/latest/APIReference/API_CostOptimizationHub_Filter.html
   */
  readonly filter?: string;
}

/**
 * One report delivered by a CurReport: the legacy Cost and Usage Report, or an AWS Data Export
 * (CUR 2.0, FOCUS 1.0, Cost Optimization Hub recommendations).
 *
 * AWS recommends Data Exports over the legacy report.
 *
 * @see https://docs.aws.amazon.com/cur/latest/userguide/what-is-data-exports.html
 */
export abstract class CurExport {
  /** A legacy Cost and Usage Report (AWS::CUR::ReportDefinition). */
  public static legacy(options: LegacyReportOptions): CurExport {
    const format = options.format ?? ReportFormat.PARQUET;
    return new ConfiguredExport({
      kind: 'legacy',
      name: options.reportName,
      ...fileSettings(options),
      timeUnit: options.timeUnit ?? ReportTimeUnit.DAILY,
      schemaElements: [...(options.schemaElements ?? [])],
      artifacts: [...(options.artifacts ?? (format === ReportFormat.PARQUET ? [ReportArtifact.ATHENA] : []))],
      refreshClosedReports: options.refreshClosedReports ?? true,
      costCategoryNames: [...(options.costCategoryNames ?? [])],
      tableProperties: {},
    });
  }

  /** A CUR 2.0 export (AWS::BCMDataExports::Export over COST_AND_USAGE_REPORT). */
  public static cur2(options: Cur2ExportOptions): CurExport {
    return new ConfiguredExport({
      ...dataExportSettings('cur2', options),
      timeUnit: options.timeGranularity ?? ReportTimeUnit.DAILY,
      tableProperties: {
        TIME_GRANULARITY: options.timeGranularity ?? ReportTimeUnit.DAILY,
        INCLUDE_RESOURCES: flag(options.includeResources),
        INCLUDE_SPLIT_COST_ALLOCATION_DATA: flag(options.includeSplitCostAllocationData),
        INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY: flag(options.includeManualDiscountCompatibility),
      },
    });
  }

  /** A FOCUS 1.0 export with AWS columns (AWS::BCMDataExports::Export over FOCUS_1_0_AWS). */
  public static focus(options: FocusExportOptions): CurExport {
    return new ConfiguredExport({ ...dataExportSettings('focus', options), tableProperties: {} });
  }

  /** A Cost Optimization Hub recommendations export (AWS::BCMDataExports::Export over COST_OPTIMIZATION_RECOMMENDATIONS). */
  public static costOptimizationRecommendations(options: CostOptimizationExportOptions): CurExport {
    return new ConfiguredExport({
      ...dataExportSettings('costOptimization', options),
      tableProperties: {
        INCLUDE_ALL_RECOMMENDATIONS: flag(options.includeAllRecommendations),
        // AWS stores "{}" when no filter is given: writing it keeps the template and the export in step.
        FILTER: options.filter ?? '{}',
      },
    });
  }

  /** @internal */
  public abstract readonly _config: ExportConfig;
}

class ConfiguredExport extends CurExport {
  /** @internal */
  public readonly _config: ExportConfig;
  constructor(config: ExportConfig) {
    super();
    this._config = config;
  }
}

function fileSettings(options: ReportFileOptions): Pick<ExportConfig, 'format' | 'compression' | 'versioning'> {
  const format = options.format ?? ReportFormat.PARQUET;
  return {
    format,
    compression: options.compression ?? (format === ReportFormat.PARQUET ? ReportCompression.PARQUET : ReportCompression.GZIP),
    versioning: options.versioning ?? ReportVersioning.OVERWRITE_REPORT,
  };
}

function dataExportSettings(kind: ExportConfig['kind'], options: DataExportOptions): Omit<ExportConfig, 'tableProperties'> {
  return {
    kind,
    name: options.exportName,
    description: options.description,
    ...fileSettings(options),
    schemaElements: [],
    artifacts: [],
    refreshClosedReports: false,
    costCategoryNames: [],
    columns: options.columns ? [...options.columns] : undefined,
  };
}

function flag(value: boolean | undefined): string {
  return value ? 'TRUE' : 'FALSE';
}
