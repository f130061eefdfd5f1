import type { TargetsSetting } from './organization-targets';

/** What the targets step hands the rest of the run (small: the items themselves are in S3). */
export interface TargetsRun {
  /** The moment the run is about, ISO-8601. */
  readonly runAt: string;
  /** Where this run's items, findings and results go. */
  readonly runPrefix: string;
  readonly itemsKey: string;
  readonly accounts: number;
  readonly items: number;
  readonly notes: string[];
}

/** The environment variables of the organization run's functions, beyond the optimizer's own. */
export const ORGANIZATION_ENVIRONMENT = {
  targets: 'ORGANIZATION_TARGETS',
  regions: 'ORGANIZATION_REGIONS',
  reportBucket: 'REPORT_BUCKET',
  reportPrefix: 'REPORT_PREFIX',
  /** The merge step's: the cost category whose values are the business units (unset: no business-unit totals). */
  businessUnitCostCategory: 'BUSINESS_UNIT_COST_CATEGORY',
} as const;

export interface TargetsEnvironment {
  readonly targets: TargetsSetting;
  readonly regions: string[];
  readonly reportBucket: string;
  readonly reportPrefix: string;
}

/** Reads the targets function's environment; a missing or malformed variable is a deployment error, reported by name. */
export function readTargetsEnvironment(env: Readonly<Record<string, string | undefined>>): TargetsEnvironment {
  const json = (name: string): unknown => {
    const value = env[name];
    if (!value) throw new Error(`The environment variable ${name} is not set`);
    try {
      return JSON.parse(value);
    } catch (error) {
      throw new Error(`The environment variable ${name} is not JSON: ${(error as Error).message}`);
    }
  };
  const targets = json(ORGANIZATION_ENVIRONMENT.targets) as TargetsSetting;
  const regions = json(ORGANIZATION_ENVIRONMENT.regions) as string[];
  if (!['ENTIRE_ORGANIZATION', 'ORGANIZATIONAL_UNITS', 'ACCOUNTS'].includes(targets?.kind) || !Array.isArray(targets.ids)) {
    throw new Error(`The environment variable ${ORGANIZATION_ENVIRONMENT.targets} names no targets`);
  }
  if (!Array.isArray(regions) || regions.length === 0) throw new Error(`The environment variable ${ORGANIZATION_ENVIRONMENT.regions} lists no Region`);
  const reportBucket = env[ORGANIZATION_ENVIRONMENT.reportBucket];
  if (!reportBucket) throw new Error(`The environment variable ${ORGANIZATION_ENVIRONMENT.reportBucket} is not set`);
  return { targets, regions, reportBucket, reportPrefix: env[ORGANIZATION_ENVIRONMENT.reportPrefix] ?? '' };
}

/**
 * `<reportPrefix>/organization-runs/<yyyy>/<mm>/<dd>/<execution>`: the run's working objects, next
 * to (never among) the reports, one folder per execution so a rerun never mixes with another.
 */
export function organizationRunPrefix(reportPrefix: string, runAt: Date, executionName: string): string {
  const safeName = executionName.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80);
  if (safeName === '') throw new Error('An organization run needs its execution name');
  const [year, month, day] = runAt.toISOString().slice(0, 10).split('-');
  const trimmed = reportPrefix.replace(/^\/+|\/+$/g, '');
  return `${trimmed === '' ? '' : `${trimmed}/`}organization-runs/${year}/${month}/${day}/${safeName}`;
}
