import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { NO_BUSINESS_UNIT } from './organization-business-units';
import type { ScanFindings, ScanSummary } from './organization-scan';
import type { ScanItem } from './organization-targets';
import {
  compareText, realizedSavingsSection, savingsTotals,
  type FailedSource, type RankedOpportunity, type RealizedSavingsSection, type SavingsTotals, type SettledChange,
} from '../optimization';

/** Where the Distributed Map's ResultWriter put its manifest (the Map state's `ResultWriterDetails`). */
export interface ResultWriterDetails {
  readonly Bucket: string;
  readonly Key: string;
}

/**
 * The manifest the ResultWriter writes: result files by child execution status.
 * "Step Functions consolidates all child workflow execution data, such as execution input and
 * output, ARN, and execution status. It then exports executions with the same status to their
 * respective files in the specified Amazon S3 location."
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 */
export interface ResultWriterManifest {
  readonly ResultFiles?: Partial<Record<'SUCCEEDED' | 'FAILED' | 'PENDING', Array<{ readonly Key: string }>>>;
}

/** One child execution as a result file lists it (Input and Output are JSON text). */
export interface ChildExecutionResult {
  readonly Status?: string;
  readonly Input?: string;
  readonly Output?: string;
  readonly Error?: string;
  readonly Cause?: string;
}

/** One account and Region as the run ended it: scanned (perhaps with failed sources), or not. */
export type ItemOutcome =
  | { readonly scanned: true; readonly summary: ScanSummary }
  | { readonly scanned: false; readonly item: ScanItem; readonly error: { readonly name: string; readonly message: string } };

/** A PENDING result: the Map Run stopped (failed or aborted) before starting the child execution. */
const NEVER_STARTED = { name: 'PENDING', message: 'The Map Run ended before this account and Region was scanned' } as const;

/** Every child execution the manifest lists, whatever its status. */
export async function readChildResults(s3: S3Client, details: ResultWriterDetails): Promise<ChildExecutionResult[]> {
  const manifest = JSON.parse(await readText(s3, details.Bucket, details.Key)) as ResultWriterManifest;
  const files = Object.values(manifest.ResultFiles ?? {}).flatMap((entries) => entries ?? []);
  const results: ChildExecutionResult[] = [];
  for (const file of files) {
    results.push(...(JSON.parse(await readText(s3, details.Bucket, file.Key)) as ChildExecutionResult[]));
  }
  return results;
}

/**
 * What each child execution says about its account and Region. A scan the item processor caught
 * carries `failure` (the Catch's `{Error, Cause}`); a child execution that failed outright (a
 * timeout, an error the Catch does not see) names its error at the top level; a PENDING one never ran.
 */
export function itemOutcomes(results: readonly ChildExecutionResult[]): ItemOutcome[] {
  return results.map((result): ItemOutcome => {
    const output = parseJson(result.Output) as (ScanSummary & { item?: ScanItem; failure?: { Error?: string; Cause?: string } }) | undefined;
    if (result.Status !== 'FAILED' && output !== undefined && output.failure === undefined && output.accountId !== undefined) {
      return { scanned: true, summary: output };
    }
    const item = output?.item ?? (parseJson(result.Input) as { item?: ScanItem } | undefined)?.item;
    if (item === undefined) throw new Error(`A Distributed Map result names no account and Region: ${JSON.stringify(result).slice(0, 300)}`);
    if (result.Status === 'PENDING') return { scanned: false, item, error: NEVER_STARTED };
    return { scanned: false, item, error: errorOf(output?.failure?.Error ?? result.Error, output?.failure?.Cause ?? result.Cause) };
  }).sort((first, second) => compareText(keyOf(first), keyOf(second)));
}

/** The findings files of the scanned items, read a few at a time. */
export async function readFindings(s3: S3Client, bucket: string, outcomes: readonly ItemOutcome[], inFlight = 16): Promise<ScanFindings[]> {
  const keys = outcomes.flatMap((outcome) => (outcome.scanned && outcome.summary.findingsKey ? [outcome.summary.findingsKey] : []));
  const findings: ScanFindings[] = [];
  for (let start = 0; start < keys.length; start += inFlight) {
    const batch = await Promise.all(keys.slice(start, start + inFlight)
      .map(async (key) => JSON.parse(await readText(s3, bucket, key)) as ScanFindings));
    findings.push(...batch);
  }
  return findings;
}

/** The failed sources of the run: each account and Region not scanned, and each EC2 call that failed in one. */
export function organizationFailures(outcomes: readonly ItemOutcome[]): FailedSource[] {
  return outcomes.flatMap((outcome) => (outcome.scanned
    ? outcome.summary.failedSources
    : [{
      source: `EC2 inventory of ${outcome.item.accountId}${outcome.item.accountName ? ` (${outcome.item.accountName})` : ''} in ${outcome.item.region}`,
      errorName: outcome.error.name,
      errorMessage: outcome.error.message,
    }]));
}

/** The organization's follow-up: every scan's settled changes, and the report section they make. */
export interface OrganizationFollowUp {
  readonly settled: SettledChange[];
  readonly section: RealizedSavingsSection;
}

/**
 * Sums the changes every scan settled into one "Realized savings" section. Still pending: the
 * changes of the scans whose inventory failed. An account and Region not scanned at all never read
 * its ledger, so its changes are not counted; they stay pending for the next run all the same.
 */
export function organizationFollowUp(findings: readonly ScanFindings[], outcomes: readonly ItemOutcome[]): OrganizationFollowUp {
  const settled = findings.flatMap((found) => found.settledChanges ?? []);
  const pending = outcomes.reduce((sum, outcome) => sum + (outcome.scanned ? outcome.summary.pendingChanges ?? 0 : 0), 0);
  return { settled, section: realizedSavingsSection(settled, pending) };
}

/** One account's line in the organization section. */
export interface AccountTotals extends SavingsTotals {
  readonly accountId: string;
  readonly accountName: string;
  readonly organizationalUnitId?: string;
  /** The account's value of the business-unit cost category, when the pipeline names one. */
  readonly businessUnit?: string;
  readonly regionsScanned: string[];
  readonly regionsNotScanned: string[];
}

/** One OU's line: the accounts it holds directly. */
export interface OrganizationalUnitTotals extends SavingsTotals {
  readonly organizationalUnitId: string;
  readonly accounts: number;
}

/** One business unit's line: the accounts the cost category maps to it. */
export interface BusinessUnitTotals extends SavingsTotals {
  readonly businessUnit: string;
  readonly accounts: number;
}

/** The cost category whose values are the business units, and each account's value. */
export interface BusinessUnitMapping {
  readonly costCategoryName: string;
  /** Account id to value; an account not in it has no value. */
  readonly businessUnitOf: ReadonlyMap<string, string>;
}

/** What the organization-wide report adds to the single-account one. */
export interface OrganizationSection {
  readonly accounts: AccountTotals[];
  readonly organizationalUnits: OrganizationalUnitTotals[];
  /** The cost category of the business units, when the pipeline names one. */
  readonly businessUnitCostCategory?: string;
  /** Totals by business unit (accounts with no value under "(no value)"), when the pipeline names a cost category. */
  readonly businessUnits?: BusinessUnitTotals[];
}

/**
 * Totals by account (every account of the run, found something or not), by OU and, with a
 * business-unit mapping, by business unit, from the ranked opportunities.
 */
export function organizationSection(
  opportunities: readonly RankedOpportunity[],
  outcomes: readonly ItemOutcome[],
  businessUnits?: BusinessUnitMapping,
): OrganizationSection {
  const byAccount = groupBy(opportunities, (opportunity) => opportunity.accountId);
  const accounts = new Map<string, { item: ScanItem; scanned: string[]; notScanned: string[] }>();
  for (const outcome of outcomes) {
    const item = outcome.scanned ? outcome.summary : outcome.item;
    const entry = accounts.get(item.accountId) ?? { item, scanned: [], notScanned: [] };
    (outcome.scanned ? entry.scanned : entry.notScanned).push(item.region);
    accounts.set(item.accountId, entry);
  }
  const accountTotals: AccountTotals[] = [...accounts.values()].map(({ item, scanned, notScanned }) => ({
    accountId: item.accountId,
    accountName: item.accountName,
    ...(item.organizationalUnitId === undefined ? {} : { organizationalUnitId: item.organizationalUnitId }),
    ...(businessUnits === undefined ? {} : { businessUnit: businessUnits.businessUnitOf.get(item.accountId) ?? NO_BUSINESS_UNIT }),
    regionsScanned: scanned.sort(compareText),
    regionsNotScanned: notScanned.sort(compareText),
    ...savingsTotals(byAccount.get(item.accountId) ?? []),
  })).sort((first, second) => compareText(first.accountId, second.accountId));
  return {
    accounts: accountTotals,
    organizationalUnits: totalsByGroup(opportunities, accountTotals, (account) => account.organizationalUnitId)
      .map(({ group, accounts: count, totals }) => ({ organizationalUnitId: group, accounts: count, ...totals })),
    ...(businessUnits === undefined ? {} : {
      businessUnitCostCategory: businessUnits.costCategoryName,
      businessUnits: totalsByGroup(opportunities, accountTotals, (account) => account.businessUnit)
        .map(({ group, accounts: count, totals }) => ({ businessUnit: group, accounts: count, ...totals })),
    }),
  };
}

/** The savings of each group of accounts (an account with no group is left out), groups in name order. */
function totalsByGroup(
  opportunities: readonly RankedOpportunity[],
  accounts: readonly AccountTotals[],
  groupOf: (account: AccountTotals) => string | undefined,
): Array<{ group: string; accounts: number; totals: SavingsTotals }> {
  const groupOfAccount = new Map(accounts.map((account) => [account.accountId, groupOf(account)]));
  const grouped = groupBy(opportunities.filter((opportunity) => groupOfAccount.get(opportunity.accountId) !== undefined),
    (opportunity) => groupOfAccount.get(opportunity.accountId)!);
  const groups = [...new Set(accounts.flatMap((account) => groupOf(account) ?? []))].sort(compareText);
  return groups.map((group) => ({
    group,
    accounts: accounts.filter((account) => groupOf(account) === group).length,
    totals: savingsTotals(grouped.get(group) ?? []),
  }));
}

function groupBy<T>(items: readonly T[], groupOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = groupOf(item);
    const group = groups.get(key);
    if (group) group.push(item); else groups.set(key, [item]);
  }
  return groups;
}

/** A Lambda error's Cause is `{"errorType": ..., "errorMessage": ...}` as JSON text. */
function errorOf(name: string | undefined, cause: string | undefined): { name: string; message: string } {
  const parsed = parseJson(cause) as { errorType?: string; errorMessage?: string } | undefined;
  return {
    name: parsed?.errorType ?? name ?? 'Unknown',
    message: (parsed?.errorMessage ?? cause ?? 'the child execution failed without a cause').slice(0, 1000),
  };
}

function keyOf(outcome: ItemOutcome): string {
  const item = outcome.scanned ? outcome.summary : outcome.item;
  return `${item.accountId} ${item.region}`;
}

function parseJson(text: string | undefined): any {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readText(s3: S3Client, bucket: string, key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (object.Body === undefined) throw new Error(`s3://${bucket}/${key} has no body`);
  return object.Body.transformToString();
}
