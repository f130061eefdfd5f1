import { closestName } from './private/closest-name';
import { EXPORT_KIND_LABELS, EXPORT_TABLES, ExportConfig } from './private/export-config';
import { DATA_EXPORT_TABLE_COLUMNS, SPLIT_COST_COLUMN_PREFIX, TableColumns } from './private/table-dictionary';
import { tableNamesOf } from './private/tables';
import { ReportArtifact, ReportFormat, ReportVersioning } from './report-settings';
import {
  ATHENA_MIN_BYTES_SCANNED_CUTOFF,
  ATHENA_WORKGROUP_NAME_PATTERN,
  COST_REPORT_REGION,
  EXPORT_COLUMN_PATTERN,
  EXPORT_COMPRESSIONS_BY_FORMAT,
  EXPORT_DESCRIPTION_MAX_LENGTH,
  EXPORT_NAME_MAX_LENGTH,
  EXPORT_NAME_PATTERN,
  EXPORT_PREFIX_MAX_LENGTH,
  FOCUS_COLUMN_PATTERN,
  GLUE_NAME_PATTERN,
  LEGACY_COMPRESSIONS_BY_FORMAT,
  LEGACY_REPORT_NAME_MAX_LENGTH,
  LEGACY_REPORT_NAME_PATTERN,
  LEGACY_REPORT_PREFIX_MAX_LENGTH,
  REPORT_PREFIX_PATTERN,
  BILLING_PERIOD_PATTERN,
  STANDARD_IA_MIN_DAYS,
} from '../core/limits/cur';
import { checkLength, describeValue, isUnresolved, RuleViolation, violationsOf } from '../core/validation';

/** Every documented rule the reports of a CurReport can break, first the most basic. */
export function exportViolations(exports: readonly ExportConfig[]): RuleViolation[] {
  if (exports.length === 0) {
    return [{ value: exports, rule: 'a CurReport delivers at least one report', fix: 'add an export, e.g. CurExport.cur2({ exportName: "cur2" })' }];
  }
  return [...uniqueNameViolations(exports), ...exports.flatMap((config) => (config.kind === 'legacy' ? legacyViolations(config) : dataExportViolations(config)))];
}

function uniqueNameViolations(exports: readonly ExportConfig[]): RuleViolation[] {
  const names = exports.map((config) => config.name).filter((name) => !isUnresolved(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) {
    return [{ value: repeated[0], rule: 'report and export names are unique in the account (and name the folder of their data)', fix: 'give each export its own name' }];
  }
  const tableNames = tableNamesOf(exports);
  const clashing = exports.map((config) => config.name).filter((_, index) => tableNames.indexOf(tableNames[index]) !== index);
  return clashing.length > 0
    ? [{
      value: clashing[0],
      rule: `each report gets its own Athena table, named in lower case with "_" for other characters ("${tableNames[exports.findIndex((config) => config.name === clashing[0])]}" is taken)`,
      fix: 'give the reports names that differ in more than case and punctuation',
    }]
    : [];
}

/** The rules of AWS::CUR::ReportDefinition. */
export function legacyViolations(config: ExportConfig): RuleViolation[] {
  return [
    ...nameViolations(config.name, LEGACY_REPORT_NAME_MAX_LENGTH, { pattern: LEGACY_REPORT_NAME_PATTERN, characters: "0-9 A-Z a-z ! - _ . * ' ( )" }, 'a report name', 'reportName'),
    ...compressionViolations(config, LEGACY_COMPRESSIONS_BY_FORMAT),
    ...artifactViolations(config),
  ];
}

function artifactViolations(config: ExportConfig): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const artifacts = config.artifacts;
  if (artifacts.includes(ReportArtifact.ATHENA)) {
    if (artifacts.length > 1) {
      violations.push({ value: artifacts, rule: 'the ATHENA artifact cannot be combined with other artifacts', fix: 'use [ReportArtifact.ATHENA] alone, or a second report for Redshift or QuickSight' });
    }
    if (config.format !== ReportFormat.PARQUET) {
      violations.push({ value: config.format, rule: 'the ATHENA artifact needs the Parquet format', fix: 'set format to ReportFormat.PARQUET' });
    }
    if (config.versioning !== ReportVersioning.OVERWRITE_REPORT) {
      violations.push({ value: config.versioning, rule: 'the ATHENA artifact needs OVERWRITE_REPORT versioning', fix: 'set versioning to ReportVersioning.OVERWRITE_REPORT' });
    }
  }
  const csvOnly = artifacts.filter((artifact) => artifact === ReportArtifact.REDSHIFT || artifact === ReportArtifact.QUICKSIGHT);
  if (csvOnly.length > 0 && config.format !== ReportFormat.TEXT_OR_CSV) {
    violations.push({ value: csvOnly, rule: 'the REDSHIFT and QUICKSIGHT artifacts load text/CSV reports', fix: 'set format to ReportFormat.TEXT_OR_CSV, or use the ATHENA artifact' });
  }
  return violations;
}

/** The rules of AWS::BCMDataExports::Export. */
export function dataExportViolations(config: ExportConfig): RuleViolation[] {
  return [
    ...nameViolations(config.name, EXPORT_NAME_MAX_LENGTH, { pattern: EXPORT_NAME_PATTERN, characters: '0-9 A-Z a-z - _' }, 'an export name', 'exportName'),
    ...violationsOf(
      config.description !== undefined
        ? checkLength(config.description, 0, EXPORT_DESCRIPTION_MAX_LENGTH, 'an export description', 'shorten description')
        : undefined,
    ),
    ...compressionViolations(config, EXPORT_COMPRESSIONS_BY_FORMAT),
    ...columnViolations(config),
    ...filterViolations(config),
  ];
}

/** The characters a name may use: the pattern, and how the message lists them. */
interface NameCharacters {
  readonly pattern: RegExp;
  readonly characters: string;
}

function nameViolations(name: string, maxLength: number, allowed: NameCharacters, what: string, prop: string): RuleViolation[] {
  if (isUnresolved(name)) {
    return [];
  }
  return violationsOf(
    checkLength(name, 1, maxLength, what, `shorten ${prop}`),
    name.length > 0 && !allowed.pattern.test(name)
      ? { value: name, rule: `${what} uses only ${allowed.characters} (no spaces)`, fix: `replace the other characters of ${prop}, e.g. with "-"` }
      : undefined,
  );
}

function compressionViolations(config: ExportConfig, allowed: Readonly<Record<string, readonly string[]>>): RuleViolation[] {
  const compressions = allowed[config.format] ?? [];
  return compressions.includes(config.compression)
    ? []
    : [{
      value: `${config.format} with ${config.compression}`,
      rule: `a ${EXPORT_KIND_LABELS[config.kind]} in ${config.format} is compressed with ${compressions.join(' or ')}`,
      fix: `set compression to ${compressions.map((compression) => `ReportCompression.${compression}`).join(' or ')}, or leave it out`,
    }];
}

function columnViolations(config: ExportConfig): RuleViolation[] {
  const selected = config.columns;
  if (selected === undefined) {
    return [];
  }
  if (selected.length === 0) {
    return [{ value: selected, rule: 'an export selects at least one column', fix: 'leave columns out for the default selection, or name columns of the table dictionary' }];
  }
  const pattern = config.kind === 'focus' ? FOCUS_COLUMN_PATTERN : EXPORT_COLUMN_PATTERN;
  const malformed = selected.filter((column) => !isUnresolved(column) && !pattern.test(column));
  const repeated = selected.filter((column, index) => selected.indexOf(column) !== index);
  const violations: RuleViolation[] = [];
  if (malformed.length > 0) {
    violations.push({
      value: malformed,
      rule: `columns of ${EXPORT_KIND_LABELS[config.kind]}s are named as in the table dictionary (${pattern.source})`,
      fix: 'copy the column names from the AWS Data Exports table dictionary',
    });
  }
  if (repeated.length > 0) {
    violations.push({ value: repeated, rule: 'an export selects each column once', fix: 'remove the repeated columns' });
  }
  const table = DATA_EXPORT_TABLE_COLUMNS[config.kind as DataExportKind];
  const unknown = unknownColumns(config, pattern);
  if (table.complete && unknown.length > 0) {
    violations.push({
      value: unknown,
      rule: `the columns of a ${EXPORT_KIND_LABELS[config.kind]} are those of the ${EXPORT_TABLES[config.kind as DataExportKind]} table (${table.page})`,
      fix: replacementsFor(unknown, table),
    });
  }
  if (config.kind === 'cur2') {
    if (selected.includes('line_item_resource_id') && config.tableProperties.INCLUDE_RESOURCES !== 'TRUE') {
      violations.push({ value: 'line_item_resource_id', rule: 'the resource ID column exists only with INCLUDE_RESOURCES', fix: 'set includeResources: true, or drop the column' });
    }
    const split = selected.filter((column) => column.startsWith(SPLIT_COST_COLUMN_PREFIX));
    if (split.length > 0 && config.tableProperties.INCLUDE_SPLIT_COST_ALLOCATION_DATA !== 'TRUE') {
      violations.push({
        value: split,
        rule: 'split_line_item_* columns exist only with INCLUDE_SPLIT_COST_ALLOCATION_DATA',
        fix: 'set includeSplitCostAllocationData: true, or drop those columns',
      });
    }
  }
  return violations;
}

type DataExportKind = keyof typeof DATA_EXPORT_TABLE_COLUMNS;

/** Well-formed, known-at-synth columns that the table dictionary of the export's table lacks. */
function unknownColumns(config: ExportConfig, pattern: RegExp): string[] {
  if (config.kind === 'legacy' || config.columns === undefined) {
    return [];
  }
  const known = new Set(DATA_EXPORT_TABLE_COLUMNS[config.kind].known.map((column) => column.name.toLowerCase()));
  return config.columns.filter((column) => !isUnresolved(column) && pattern.test(column) && !known.has(column.toLowerCase()));
}

function replacementsFor(unknown: readonly string[], table: TableColumns): string {
  const knownNames = table.known.map((column) => column.name);
  const replacements = unknown.map((column) => {
    const closest = closestName(column, knownNames);
    return closest === undefined ? `drop "${column}"` : `replace "${column}" with "${closest}"`;
  });
  return `${describeReplacements(replacements)}, or pick other columns from the table dictionary`;
}

function describeReplacements(replacements: readonly string[], max = 5): string {
  const shown = replacements.slice(0, max).join(', ');
  return replacements.length > max ? `${shown} and ${replacements.length - max} more` : shown;
}

/**
 * Columns that this library's list of a table lacks, for a table whose list is not complete: AWS
 * adds columns to those tables, so such a column is accepted, and the message names the closest
 * known column in case it is a typo. Empty for a complete table (its unknown columns are errors).
 */
export function unknownColumnWarnings(config: ExportConfig): string[] {
  if (config.kind === 'legacy' || DATA_EXPORT_TABLE_COLUMNS[config.kind].complete) {
    return [];
  }
  const table = DATA_EXPORT_TABLE_COLUMNS[config.kind];
  const pattern = config.kind === 'focus' ? FOCUS_COLUMN_PATTERN : EXPORT_COLUMN_PATTERN;
  return unknownColumns(config, pattern).map((column) => {
    const closest = closestName(column, table.known.map((known) => known.name));
    return `${describeValue(column)} is not a column of ${EXPORT_TABLES[config.kind as DataExportKind]} that this library knows ` +
      `(${table.page}); it is exported as written, because AWS adds columns to this table, and the Athena table reads it as string. ` +
      (closest === undefined ? 'Check its spelling.' : `Did you mean "${closest}"?`);
  });
}

function filterViolations(config: ExportConfig): RuleViolation[] {
  const filter = config.tableProperties.FILTER;
  if (filter === undefined || isUnresolved(filter)) {
    return [];
  }
  try {
    const parsed = JSON.parse(filter);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return [];
    }
  } catch {
    // reported below
  }
  return [{ value: filter, rule: 'the FILTER of a Cost Optimization Hub export is a JSON object (a Cost Optimization Hub Filter)', fix: 'pass JSON, e.g. {"actionTypes":["Rightsize"]}' }];
}

/** The Data Exports service-linked role serves the recommendations export only. */
export function serviceLinkedRoleViolations(createServiceLinkedRole: boolean, exports: readonly ExportConfig[]): RuleViolation[] {
  return createServiceLinkedRole && !exports.some((config) => config.kind === 'costOptimization')
    ? [{
      value: 'createDataExportsServiceLinkedRole: true',
      rule: 'the Data Exports service-linked role is created for a Cost Optimization Hub recommendations export, which reads recommendations through it',
      fix: 'remove createDataExportsServiceLinkedRole, or add CurExport.costOptimizationRecommendations(...)',
    }]
    : [];
}

/** What the storage, region and query rules look at. */
export interface DeliveryRuleInput {
  readonly prefix: string;
  readonly hasLegacyReport: boolean;
  /** The stack's region (maybe a token). */
  readonly region: string;
  /** The stack's account and the bucket's account (maybe tokens). */
  readonly account: string;
  readonly bucketAccount: string;
  readonly allowBucketInOtherAccount: boolean;
  /** Whether lifecycle settings were given for a bucket that this construct does not create. */
  readonly hasLifecycleSettingsForImportedBucket: boolean;
  readonly infrequentAccessAfterDays: number;
  readonly glacierInstantRetrievalAfterDays: number;
  /**
   * Every lifecycle setting in days (maybe fractional), by prop name: S3 takes whole days.
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html ("Days ... Type: Integer")
   */
  readonly lifecycleDays: Readonly<Record<string, number>>;
  readonly bytesScannedCutoffPerQuery: number;
  readonly databaseName: string;
  readonly workGroupName: string;
  readonly firstBillingPeriod: string;
}

/** The rules of where reports are delivered and how they are queried. */
export function deliveryViolations(input: DeliveryRuleInput): RuleViolation[] {
  return [
    ...regionViolations(input.region),
    ...prefixViolations(input.prefix, input.hasLegacyReport),
    ...accountViolations(input),
    ...lifecycleViolations(input),
    ...queryViolations(input),
  ];
}

function regionViolations(region: string): RuleViolation[] {
  return isUnresolved(region) || region === COST_REPORT_REGION
    ? []
    : [{
      value: region,
      rule: `Cost and Usage Reports and Data Exports are created in ${COST_REPORT_REGION} only`,
      fix: `put the CurReport in a stack with env.region "${COST_REPORT_REGION}" (the bucket can be passed in from any region)`,
    }];
}

function prefixViolations(prefix: string, hasLegacyReport: boolean): RuleViolation[] {
  if (isUnresolved(prefix)) {
    return [];
  }
  const maxLength = hasLegacyReport ? LEGACY_REPORT_PREFIX_MAX_LENGTH : EXPORT_PREFIX_MAX_LENGTH;
  return violationsOf(
    checkLength(prefix, 1, maxLength, 'a report prefix', 'shorten prefix'),
    !REPORT_PREFIX_PATTERN.test(prefix)
      ? { value: prefix, rule: 'a report prefix uses only 0-9 A-Z a-z ! - _ . * \' ( ) / (no spaces)', fix: 'replace the other characters of prefix, e.g. with "-"' }
      : undefined,
    prefix.startsWith('/') || prefix.endsWith('/')
      ? { value: prefix, rule: 'a report prefix neither starts nor ends with "/" (AWS adds the separator)', fix: 'remove the leading and trailing "/"' }
      : undefined,
  );
}

function accountViolations(input: DeliveryRuleInput): RuleViolation[] {
  const known = !isUnresolved(input.account) && !isUnresolved(input.bucketAccount);
  return known && input.account !== input.bucketAccount && !input.allowBucketInOtherAccount
    ? [{
      value: input.bucketAccount,
      rule: `the report bucket is in the report's account (${input.account}) unless cross-account delivery is intended`,
      fix: 'pass a bucket of this account, or set allowBucketInOtherAccount: true and have its owner add the delivery policy',
    }]
    : [];
}

function lifecycleViolations(input: DeliveryRuleInput): RuleViolation[] {
  const violations = violationsOf(
    input.hasLifecycleSettingsForImportedBucket
      ? { value: 'bucket with lifecycle settings', rule: 'lifecycle and object lock settings apply to a bucket this construct creates', fix: 'configure them on your bucket, or leave bucket out' }
      : undefined,
    ...Object.entries(input.lifecycleDays).map(([prop, days]) =>
      isUnresolved(days) || Number.isInteger(days)
        ? undefined
        : { value: `${prop} of ${days} days`, rule: 'S3 lifecycle rules count whole days', fix: `set ${prop} in whole days, e.g. Duration.days(${Math.ceil(days)})` }),
    checkAtLeast(input.infrequentAccessAfterDays, STANDARD_IA_MIN_DAYS, 'objects move to S3 Standard-IA after at least 30 days', 'set infrequentAccessAfter to 30 days or more'),
  );
  const known = !isUnresolved(input.glacierInstantRetrievalAfterDays) && !isUnresolved(input.infrequentAccessAfterDays);
  if (known && input.glacierInstantRetrievalAfterDays <= input.infrequentAccessAfterDays) {
    violations.push({
      value: input.glacierInstantRetrievalAfterDays,
      rule: `the move to Glacier Instant Retrieval comes after the move to Standard-IA (${input.infrequentAccessAfterDays} days)`,
      fix: 'set glacierInstantRetrievalAfter later than infrequentAccessAfter',
    });
  }
  return violations;
}

function queryViolations(input: DeliveryRuleInput): RuleViolation[] {
  return violationsOf(
    checkAtLeast(
      input.bytesScannedCutoffPerQuery,
      ATHENA_MIN_BYTES_SCANNED_CUTOFF,
      'an Athena bytes-scanned limit per query is at least 10,000,000 bytes (10 MB)',
      'set bytesScannedCutoffPerQuery to 10000000 or more',
    ),
    !isUnresolved(input.databaseName) && !GLUE_NAME_PATTERN.test(input.databaseName)
      ? { value: input.databaseName, rule: 'an Athena database name is 1-255 lower-case letters, digits and underscores', fix: 'rename databaseName, e.g. "cost_reports"' }
      : undefined,
    !isUnresolved(input.workGroupName) && !ATHENA_WORKGROUP_NAME_PATTERN.test(input.workGroupName)
      ? { value: input.workGroupName, rule: 'an Athena workgroup name is 1-128 of a-z A-Z 0-9 . _ -', fix: 'rename workGroupName' }
      : undefined,
    !isUnresolved(input.firstBillingPeriod) && !BILLING_PERIOD_PATTERN.test(input.firstBillingPeriod)
      ? {
        value: input.firstBillingPeriod,
        rule: 'partition projection reads billing periods as YYYY-MM (BILLING_PERIOD=YYYY-MM)',
        fix: 'set firstBillingPeriod like "2024-01"',
      }
      : undefined,
  );
}

function checkAtLeast(value: number, min: number, rule: string, fix: string): RuleViolation | undefined {
  return isUnresolved(value) || value >= min ? undefined : { value, rule, fix };
}
