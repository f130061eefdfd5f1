// eslint-disable-next-line import/no-extraneous-dependencies -- the bench is a development tool, run in this repository only
import { Parser } from 'node-sql-parser';
import { GlueColumn, SynthesizedCostAnalysis } from './cost-analysis-runs';
import { Measurement } from './measure';
import { unknownColumns } from '../test/support/sql-columns';

/**
 * Athena bytes scanned by the Athena mode's queries over a synthetic month of CUR 2.0 line items:
 * an estimate from partition sizes, not a measurement (there is no Athena here). The model:
 *
 * - The month is 10 million line items, all in one `billing_period` partition (the table is
 *   partitioned by billing period; each query's WHERE names the billing periods analysed, so one
 *   month of lookback reads this one partition and no other). The partition key is in the S3 path,
 *   not in the files: reading it costs nothing.
 * - The files are Parquet (the only format the library's CUR 2.0 table reads): a query reads only the
 *   column chunks of the columns it names, so a partition costs, per reading of the table, the sum
 *   over those columns of rows x bytes per value.
 * - The columns each query names are taken from its SQL as the pipeline deploys it (the named query
 *   the function runs), parsed: one table reading per SELECT whose FROM names the CUR table, with the
 *   columns that SELECT names (WHERE, GROUP BY, UNNEST included). The tag and cost category query
 *   reads the table twice (both branches of its UNION ALL), so its columns count twice.
 * - Types are the Glue table's, from the synthesized template.
 * - Bytes per value are ASSUMPTIONS, not AWS figures: compressed Parquet column chunks, see
 *   {@link ASSUMED_BYTES_PER_VALUE}. Page headers, footers and statistics are left out.
 */
export const ROWS_PER_MONTH = 10_000_000;

/**
 * Assumed compressed size of one value, by Glue column type:
 * - string 2: the strings these queries read (product codes, account IDs and names, region codes,
 *   usage and line item types, reservation ARNs, instance types) repeat across millions of line
 *   items, so they are dictionary-encoded codes of 1-2 bytes.
 * - double 8: cost amounts barely repeat, so a plain 8-byte IEEE 754 value, uncompressed: an upper end.
 * - timestamp 2: usage start times are hours of the month (at most 744 values), dictionary-encoded.
 * - map<string,string> 24: about four tags per line item, keys and values dictionary-encoded, with
 *   their repetition and definition levels.
 */
export const ASSUMED_BYTES_PER_VALUE: Readonly<Record<string, number>> = {
  'string': 2,
  'double': 8,
  'timestamp': 2,
  'map<string,string>': 24,
};

/** One reading of the CUR table by a query: the table columns it names. */
export interface TableReading {
  readonly columns: GlueColumn[];
}

/**
 * The readings of `table` in a query: one per SELECT whose FROM names it, with the columns that
 * SELECT names (not those of the SELECT it is UNION-ed with). Checked against sql-columns.ts: every
 * table column the query names is in some reading.
 */
export function tableReadings(sql: string, database: string, table: string, tableColumns: readonly GlueColumn[]): TableReading[] {
  const ast = new Parser().astify(sql.replace(/\?/g, ':param'), { database: 'athena' });
  const readings: TableReading[] = [];
  const columnOf = new Map(tableColumns.map((column) => [column.name, column]));
  const visit = (node: any): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') {
      return;
    }
    if (node.type === 'select' && (node.from ?? []).some((source: any) => source.db === database && source.table === table)) {
      const named = new Set<string>();
      collectColumnNames({ ...node, _next: undefined }, named);
      readings.push({ columns: [...named].filter((name) => columnOf.has(name)).map((name) => columnOf.get(name)!) });
    }
    Object.values(node).forEach(visit);
  };
  visit(ast);
  const named = new Set(readings.flatMap((reading) => reading.columns.map((column) => column.name)));
  const missed = unknownColumns(sql, []).filter((name) => columnOf.has(name) && !named.has(name));
  if (readings.length === 0 || missed.length > 0) {
    throw new Error(`The scan model found ${readings.length} readings of ${table} and missed the columns ${missed.join(', ')} in:\n${sql}`);
  }
  return readings;
}

function collectColumnNames(node: any, names: Set<string>): void {
  if (Array.isArray(node)) {
    node.forEach((child) => collectColumnNames(child, names));
  } else if (node !== null && typeof node === 'object') {
    if (node.type === 'column_ref') {
      names.add(typeof node.column === 'string' ? node.column : node.column?.expr?.value);
    }
    Object.values(node).forEach((child) => collectColumnNames(child, names));
  }
}

/** Estimated bytes one reading scans in one month's partition. */
export function readingBytes(reading: TableReading, rows: number): number {
  return reading.columns.reduce((total, column) => {
    const bytes = ASSUMED_BYTES_PER_VALUE[column.type];
    if (bytes === undefined) {
      throw new Error(`The scan model assumes no size for ${column.type} (column ${column.name})`);
    }
    return total + rows * bytes;
  }, 0);
}

/** The estimate for each query of an Athena-mode analysis, and for the whole run, for one month of {@link ROWS_PER_MONTH} rows. */
export function athenaScanEstimates(analysis: SynthesizedCostAnalysis, label: string): Measurement[] {
  const database = analysis.database!;
  const perQuery = analysis.queries.map(({ name, sql }) => {
    const table = /FROM "[^"]+"\."([^"]+)"/.exec(sql)![1];
    const readings = tableReadings(sql, database, table, analysis.tables.get(table)!.columns);
    return {
      // "cur2_daily cost-analysis-by-tag-team": "by_tag_team"
      label: name.replace(/^.* cost-analysis-/, '').replace(/-/g, '_'),
      readings: readings.length,
      columns: new Set(readings.flatMap((reading) => reading.columns.map((column) => column.name))).size,
      bytes: readings.reduce((total, reading) => total + readingBytes(reading, ROWS_PER_MONTH), 0),
    };
  });
  return [
    ...perQuery.flatMap((query) => {
      const name = `athena_scan_estimate.${label}.query_${query.label}`;
      return [
        { name: `${name}.table_readings`, value: query.readings, unit: 'readings' },
        { name: `${name}.columns`, value: query.columns, unit: 'columns' },
        { name: `${name}.bytes_per_month`, value: query.bytes, unit: 'bytes' },
      ];
    }),
    { name: `athena_scan_estimate.${label}.run_bytes_per_month`, value: perQuery.reduce((total, query) => total + query.bytes, 0), unit: 'bytes' },
  ];
}
