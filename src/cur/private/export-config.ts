import type { ReportArtifact, ReportCompression, ReportFormat, ReportTimeUnit, ReportVersioning, SchemaElement } from '../report-settings';

/** The kinds of report a CurExport describes. */
export type ExportKind = 'legacy' | 'cur2' | 'focus' | 'costOptimization';

/** What a {@link CurExport} says, for the construct that renders it. */
export interface ExportConfig {
  readonly kind: ExportKind;
  /** The report or export name, also the folder of its data under the prefix. */
  readonly name: string;
  readonly description?: string;
  readonly format: ReportFormat;
  readonly compression: ReportCompression;
  readonly versioning: ReportVersioning;
  /** Legacy report and CUR 2.0 only. */
  readonly timeUnit?: ReportTimeUnit;
  /** Legacy report only. */
  readonly schemaElements: readonly SchemaElement[];
  /** Legacy report only. */
  readonly artifacts: readonly ReportArtifact[];
  /** Legacy report only. */
  readonly refreshClosedReports: boolean;
  /** Legacy report only: cost categories that become cost_category_<name> columns. */
  readonly costCategoryNames: readonly string[];
  /** Data Exports only: the selected columns (undefined: the default selection of the table). */
  readonly columns?: readonly string[];
  /** Data Exports only: the table configuration (TableConfigurations of the DataQuery), "TRUE"/"FALSE" or values. */
  readonly tableProperties: Readonly<Record<string, string>>;
}

/** The Data Exports table of each export kind. */
export const EXPORT_TABLES: Readonly<Record<Exclude<ExportKind, 'legacy'>, string>> = {
  cur2: 'COST_AND_USAGE_REPORT',
  focus: 'FOCUS_1_0_AWS',
  costOptimization: 'COST_OPTIMIZATION_RECOMMENDATIONS',
};

/** How people call each kind. */
export const EXPORT_KIND_LABELS: Readonly<Record<ExportKind, string>> = {
  legacy: 'legacy Cost and Usage Report',
  cur2: 'CUR 2.0 export',
  focus: 'FOCUS 1.0 export',
  costOptimization: 'Cost Optimization Hub recommendations export',
};
