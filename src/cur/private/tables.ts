import { Fn } from 'aws-cdk-lib';
import { EXPORT_TABLES, ExportConfig } from './export-config';
import {
  ColumnType,
  COST_OPTIMIZATION_COLUMNS,
  CUR2_BASE_COLUMNS,
  CUR2_RESOURCE_COLUMNS,
  CUR2_SPLIT_COST_COLUMNS,
  DATA_EXPORT_TABLE_COLUMNS,
  FOCUS_COLUMNS,
  LEGACY_BASE_COLUMNS,
  LEGACY_RESOURCE_COLUMNS,
  legacyCostCategoryColumn,
} from './table-dictionary';
import { GLUE_NAME_MAX_LENGTH } from '../../core/limits/cur';
import { fitName } from '../../core/private/names';
import { isUnresolved } from '../../core/validation';
import { ReportArtifact, ReportFormat, ReportVersioning, SchemaElement } from '../report-settings';

/** Where and how the data of one report lands, as Athena reads it. */
export interface TableLayout {
  /** The Glue table name. */
  readonly tableName: string;
  /** The folder under the bucket that holds the data, without a trailing "/". */
  readonly dataPrefix: string;
  readonly columns: ColumnType[];
  readonly partitionKeys: ColumnType[];
  /** Partition projection parameters, with "${bucket}" standing for the bucket name. */
  readonly projection: Record<string, string>;
  /** The partition folder template under dataPrefix. */
  readonly partitionTemplate: string;
}

/** A table a CurReport created, as a query over it needs it. */
export interface QueryableTable {
  readonly tableName: string;
  readonly kind: ExportConfig['kind'];
  /** Column names, lower case, as the Glue table declares them. */
  readonly columns: readonly string[];
  readonly partitionKeys: readonly string[];
}

/** The default column selection of a Data Export, from its table configuration. */
export function defaultExportColumns(config: ExportConfig): ColumnType[] {
  switch (config.kind) {
    case 'cur2':
      return [
        ...CUR2_BASE_COLUMNS,
        ...(config.tableProperties.INCLUDE_RESOURCES === 'TRUE' ? CUR2_RESOURCE_COLUMNS : []),
        ...(config.tableProperties.INCLUDE_SPLIT_COST_ALLOCATION_DATA === 'TRUE' ? CUR2_SPLIT_COST_COLUMNS : []),
      ];
    case 'focus':
      return [...FOCUS_COLUMNS];
    case 'costOptimization':
      return [...COST_OPTIMIZATION_COLUMNS];
    default:
      return [];
  }
}

/**
 * The columns an export selects, with their types from the table dictionary. A column the
 * dictionary lacks (accepted with a warning for a table whose list is not complete) reads as string.
 */
export function exportColumns(config: ExportConfig): ColumnType[] {
  if (config.columns === undefined) {
    return defaultExportColumns(config);
  }
  const known = config.kind === 'legacy' ? [] : DATA_EXPORT_TABLE_COLUMNS[config.kind].known;
  const types = new Map(known.map((column) => [column.name.toLowerCase(), column.type]));
  return config.columns.map((name) => ({ name, type: types.get(name.toLowerCase()) ?? 'string' }));
}

/** The SQL statement of a Data Export: its columns from its table. */
export function exportQueryStatement(config: ExportConfig): string {
  if (config.kind === 'legacy') {
    throw new Error('a legacy report has no query statement');
  }
  const columns = hasColumnsKnownAtDeploy(config) ? Fn.join(', ', [...config.columns!]) : exportColumns(config).map((column) => column.name).join(', ');
  return `SELECT ${columns} FROM ${EXPORT_TABLES[config.kind]}`;
}

/** Whether the export's columns are a list known only at deploy time (a CommaDelimitedList parameter, Fn.split). */
export function hasColumnsKnownAtDeploy(config: ExportConfig): boolean {
  return config.columns !== undefined && isUnresolved([...config.columns]);
}

/** Why a report gets no Athena table, or undefined when it gets one. */
export function notQueryableReason(config: ExportConfig): string | undefined {
  if (config.kind === 'legacy') {
    return config.artifacts.includes(ReportArtifact.ATHENA) ? undefined : 'a legacy report is laid out for Athena only with the ATHENA artifact';
  }
  if (hasColumnsKnownAtDeploy(config)) {
    return 'its columns are known only at deploy time, and a Glue table declares its columns at synth';
  }
  if (config.format !== ReportFormat.PARQUET) {
    return 'the Athena table reads Parquet exports';
  }
  if (config.versioning !== ReportVersioning.OVERWRITE_REPORT) {
    return 'with CREATE_NEW_REPORT every delivery is kept, so a table over them would count each line item many times';
  }
  return undefined;
}

/** The Glue table name of a report: its name, lower case, other characters as "_", cut to fit Glue's 255 characters. */
export function tableNameOf(reportName: string): string {
  return fitName(reportName.toLowerCase().replace(/[^a-z0-9_]/g, '_'), GLUE_NAME_MAX_LENGTH, '_');
}

/**
 * The Glue table names of the reports, in order. A name known only at deploy time cannot name a
 * table at synth: such a report's table is named after its position, `report_<n>`.
 */
export function tableNamesOf(exports: readonly ExportConfig[]): string[] {
  return exports.map((config, index) => (isUnresolved(config.name) ? `report_${index + 1}` : tableNameOf(config.name)));
}

/**
 * The layout of a queryable report under the prefix.
 *
 * Legacy with ATHENA: <prefix>/<name>/<name>/year=YYYY/month=M/ (https://docs.aws.amazon.com/cur/latest/userguide/cur-query-athena.html).
 *
 * Data Exports: "s3://<bucket-name>/<prefix>/<export-name>/data/<partition>/ ... For CUR 2.0, the
 * partition corresponds to the “billing period” in the format BILLING_PERIOD=YYYY-MM"
 * (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-export-delivery.html). That page
 * documents the partition of CUR 2.0 only; no AWS page we could find states the partition of FOCUS or
 * of Cost Optimization Recommendations. FOCUS is read as BILLING_PERIOD=YYYY-MM and the
 * recommendations as date=YYYY-MM-DD, one folder per daily refresh, as the AWS Cloud Intelligence
 * Dashboards read them (aws-samples/aws-cudos-framework-deployment, cfn-templates/data-exports-aggregation.yaml:
 * the FOCUS table is partitioned by billing_period, the COH table by date).
 */
export function tableLayout(config: ExportConfig, tableName: string, prefix: string, firstBillingPeriod: string): TableLayout {
  if (config.kind === 'legacy') {
    return {
      tableName,
      dataPrefix: `${prefix}/${config.name}/${config.name}`,
      columns: [
        ...LEGACY_BASE_COLUMNS,
        ...(config.schemaElements.includes(SchemaElement.RESOURCES) ? LEGACY_RESOURCE_COLUMNS : []),
        ...config.costCategoryNames.filter((name) => !isUnresolved(name)).map((name) => ({ name: legacyCostCategoryColumn(name), type: 'string' })),
      ],
      partitionKeys: [{ name: 'year', type: 'string' }, { name: 'month', type: 'string' }],
      projection: {
        'projection.year.type': 'date',
        'projection.year.format': 'yyyy',
        'projection.year.range': `${yearOf(firstBillingPeriod)},NOW`,
        'projection.year.interval': '1',
        'projection.year.interval.unit': 'YEARS',
        'projection.month.type': 'integer',
        'projection.month.range': '1,12',
      },
      partitionTemplate: 'year=${year}/month=${month}',
    };
  }
  const columns = exportColumns(config).map((column) => ({ name: column.name.toLowerCase(), type: column.type }));
  if (config.kind === 'costOptimization') {
    return {
      tableName,
      dataPrefix: `${prefix}/${config.name}/data`,
      columns,
      partitionKeys: [{ name: RECOMMENDATIONS_PARTITION, type: 'string' }],
      projection: {
        [`projection.${RECOMMENDATIONS_PARTITION}.type`]: 'date',
        [`projection.${RECOMMENDATIONS_PARTITION}.format`]: 'yyyy-MM-dd',
        [`projection.${RECOMMENDATIONS_PARTITION}.range`]: `${firstBillingPeriod}-01,NOW`,
        [`projection.${RECOMMENDATIONS_PARTITION}.interval`]: '1',
        [`projection.${RECOMMENDATIONS_PARTITION}.interval.unit`]: 'DAYS',
      },
      partitionTemplate: `${RECOMMENDATIONS_PARTITION}=\${${RECOMMENDATIONS_PARTITION}}`,
    };
  }
  return {
    tableName,
    dataPrefix: `${prefix}/${config.name}/data`,
    columns,
    partitionKeys: [{ name: BILLING_PERIOD_PARTITION, type: 'string' }],
    projection: {
      [`projection.${BILLING_PERIOD_PARTITION}.type`]: 'date',
      [`projection.${BILLING_PERIOD_PARTITION}.format`]: 'yyyy-MM',
      [`projection.${BILLING_PERIOD_PARTITION}.range`]: `${firstBillingPeriod},NOW`,
      [`projection.${BILLING_PERIOD_PARTITION}.interval`]: '1',
      [`projection.${BILLING_PERIOD_PARTITION}.interval.unit`]: 'MONTHS',
    },
    partitionTemplate: `BILLING_PERIOD=\${${BILLING_PERIOD_PARTITION}}`,
  };
}

/** The year of a YYYY-MM billing period, also when the period is known only at deploy time. */
function yearOf(billingPeriod: string): string {
  return isUnresolved(billingPeriod) ? Fn.select(0, Fn.split('-', billingPeriod)) : billingPeriod.slice(0, 4);
}

/** The partition column of CUR 2.0 and FOCUS tables (folders BILLING_PERIOD=YYYY-MM). */
export const BILLING_PERIOD_PARTITION = 'billing_period';
/** The partition column of the recommendations table (folders date=YYYY-MM-DD). */
export const RECOMMENDATIONS_PARTITION = 'date';
