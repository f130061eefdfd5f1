import {
  ListAccountsCommand, ListAccountsForParentCommand, ListChildrenCommand, type Account, type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { foldPages } from './paging';

/** The targets as the construct writes them into ORGANIZATION_TARGETS (see OrganizationTargets). */
export interface TargetsSetting {
  readonly kind: 'ENTIRE_ORGANIZATION' | 'ORGANIZATIONAL_UNITS' | 'ACCOUNTS';
  readonly ids: readonly string[];
}

/** An active member account the run scans. */
export interface MemberAccount {
  readonly accountId: string;
  readonly accountName: string;
  /** The OU (or root) that holds the account directly, when the targets are OUs. */
  readonly organizationalUnitId?: string;
}

/** One account and Region: one item of the Distributed Map. */
export interface ScanItem extends MemberAccount {
  readonly region: string;
}

/** The accounts of a run, and what the report should say about the targets it could not use. */
export interface TargetAccounts {
  readonly accounts: MemberAccount[];
  readonly notes: string[];
}

/**
 * The active accounts the targets name, each once, sorted by id. "ListAccounts ... can be called
 * only from the organization's management account or by a member account that is a delegated
 * administrator." Every List call is paged to its end: "These operations can occasionally return
 * an empty set of results even when there are more results available. The NextToken response
 * parameter value is null only when there are no more results to display."
 * https://docs.aws.amazon.com/cli/v1/reference/organizations/list-accounts.html
 */
export async function targetAccounts(client: OrganizationsClient, targets: TargetsSetting): Promise<TargetAccounts> {
  if (targets.kind === 'ORGANIZATIONAL_UNITS') return { accounts: sortedUnique(await accountsUnderParents(client, targets.ids)), notes: [] };
  const organization = (await allAccounts(client)).filter(isActive).map((account) => memberAccount(account));
  if (targets.kind === 'ENTIRE_ORGANIZATION') return { accounts: sortedUnique(organization), notes: [] };
  const listed = new Set(targets.ids);
  const accounts = organization.filter((account) => listed.has(account.accountId));
  const found = new Set(accounts.map((account) => account.accountId));
  const missing = targets.ids.filter((id) => !found.has(id));
  return {
    accounts: sortedUnique(accounts),
    notes: missing.length === 0 ? [] : [`Not scanned, not an active account of the organization: ${missing.join(', ')}`],
  };
}

/** Every account and Region, account by account: the Distributed Map's items. */
export function scanItems(accounts: readonly MemberAccount[], regions: readonly string[]): ScanItem[] {
  return accounts.flatMap((account) => regions.map((region) => ({ ...account, region })));
}

async function allAccounts(client: OrganizationsClient): Promise<Account[]> {
  return foldPages(
    (token) => client.send(new ListAccountsCommand({ NextToken: token })),
    (page) => page.NextToken,
    (page) => page.Accounts,
  );
}

/** The accounts of each parent and of every OU below it, walked breadth first. */
async function accountsUnderParents(client: OrganizationsClient, parentIds: readonly string[]): Promise<MemberAccount[]> {
  const accounts: MemberAccount[] = [];
  const pending = [...parentIds];
  const visited = new Set<string>();
  while (pending.length > 0) {
    const parentId = pending.shift()!;
    if (visited.has(parentId)) continue;
    visited.add(parentId);
    const direct = await foldPages(
      (token) => client.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken: token })),
      (page) => page.NextToken,
      (page) => page.Accounts,
    );
    accounts.push(...direct.filter(isActive).map((account) => memberAccount(account, parentId)));
    const children = await foldPages(
      (token) => client.send(new ListChildrenCommand({ ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT', NextToken: token })),
      (page) => page.NextToken,
      (page) => page.Children,
    );
    pending.push(...children.map((child) => child.Id).filter((id): id is string => id !== undefined));
  }
  return accounts;
}

/**
 * "The Status parameter in the API response will be retired on September 9, 2026 ... we recommend
 * that you update your scripts or other code to use the State parameter instead of Status"
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/organizations/aws.sdk.kotlin.services.organizations.model/-list-accounts-response/accounts.html
 */
function isActive(account: Account): boolean {
  return (account.State ?? account.Status) === 'ACTIVE';
}

function memberAccount(account: Account, organizationalUnitId?: string): MemberAccount {
  return {
    accountId: account.Id ?? '',
    accountName: account.Name ?? '',
    ...(organizationalUnitId === undefined ? {} : { organizationalUnitId }),
  };
}

function sortedUnique(accounts: readonly MemberAccount[]): MemberAccount[] {
  const byId = new Map<string, MemberAccount>();
  for (const account of accounts) if (/^\d{12}$/.test(account.accountId) && !byId.has(account.accountId)) byId.set(account.accountId, account);
  return [...byId.values()].sort((first, second) => first.accountId.localeCompare(second.accountId));
}
