import { CurReport } from '../cur/cur-report';

/** Options of a cost analysis over a CUR 2.0 or FOCUS table in Athena. */
export interface AthenaCostSourceOptions {
  /**
   * The table queried: one of the report's `tableNames`, made for a CUR 2.0 or a FOCUS 1.0 export.
   * Over a FOCUS table the analysis sums net unblended costs (BilledCost) or net amortized costs
   * (EffectiveCost), and breaks costs down by service code, linked account, Region, usage type, tag
   * or cost category; other metrics and dimensions are refused at synth.
   *
   * @default - the report's only CUR 2.0 table, else its only FOCUS table (a report with several must name one)
   */
  readonly tableName?: string;
}

/** Where a cost analysis reads costs from. */
export enum CostDataSourceKind {
  /** Cost Explorer's GetCostAndUsage (0.01 USD per request, 13 months of history). */
  COST_EXPLORER = 'COST_EXPLORER',
  /** SQL over a Cost and Usage Report table in Athena (billed by bytes scanned, any history the report holds). */
  ATHENA = 'ATHENA',
}

/**
 * Where a cost analysis reads costs from: Cost Explorer, or Athena over the CUR 2.0 or FOCUS table of a
 * {@link CurReport}, with the same report sections either way.
 *
 * @example
 * declare const reports: CurReport;
 * Optimizer.costAnalysis({ source: CostDataSource.athena(reports), breakdowns: [CostBreakdown.LINKED_ACCOUNT] });
 */
export class CostDataSource {
  /** Cost Explorer's GetCostAndUsage, one request per breakdown and page; also the forecast and anomalies. */
  public static costExplorer(): CostDataSource {
    return new CostDataSource(CostDataSourceKind.COST_EXPLORER);
  }

  /**
   * One Athena query per breakdown over the report's CUR 2.0 or FOCUS table, in the report's workgroup
   * (whose bytes-scanned limit bounds each query), pruned to the billing periods analysed. No
   * Cost Explorer request, so no forecast and no anomalies. Each query is also saved as a named
   * query in the workgroup.
   */
  public static athena(report: CurReport, options: AthenaCostSourceOptions = {}): CostDataSource {
    return new CostDataSource(CostDataSourceKind.ATHENA, report, options.tableName);
  }

  /** Where costs are read from. */
  public readonly kind: CostDataSourceKind;
  /** The report queried, in Athena mode. */
  public readonly report?: CurReport;
  /** The table asked for, in Athena mode. */
  public readonly tableName?: string;

  private constructor(kind: CostDataSourceKind, report?: CurReport, tableName?: string) {
    this.kind = kind;
    this.report = report;
    this.tableName = tableName;
  }
}
