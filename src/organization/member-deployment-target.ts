/**
 * How a service-managed StackSet picks accounts out of the organizational units it targets.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudformation-stackset-deploymenttargets.html
 */
export enum AccountFilter {
  /** Every account of the organizational units. */
  NONE = 'NONE',
  /** Only the listed accounts, where they are in the organizational units. */
  INTERSECTION = 'INTERSECTION',
  /** Every account of the organizational units except the listed ones. */
  DIFFERENCE = 'DIFFERENCE',
}

/**
 * Which member accounts a construct deploys into, through a service-managed CloudFormation StackSet.
 *
 * A service-managed StackSet always targets organizational units (or the organization's root); accounts
 * are picked out of them with an account filter. CloudFormation never deploys stack instances to the
 * management account, even when it is in a targeted unit.
 *
 * @example
 * MemberDeploymentTarget.organizationalUnits(['ou-ab12-11111111', 'ou-ab12-22222222']);
 * MemberDeploymentTarget.organizationalUnitsExcept(['r-ab12'], ['111111111111']);
 * MemberDeploymentTarget.accounts(['222222222222'], ['r-ab12']);
 */
export class MemberDeploymentTarget {
  /**
   * Every account of these organizational units (ids `ou-...`) or of the whole organization (its root id
   * `r-...`), including accounts that join them later when automatic deployment is on.
   */
  public static organizationalUnits(organizationalUnitIds: string[]): MemberDeploymentTarget {
    return new MemberDeploymentTarget(organizationalUnitIds, AccountFilter.NONE, []);
  }

  /** Every account of these organizational units (or root) except the listed accounts. */
  public static organizationalUnitsExcept(organizationalUnitIds: string[], excludedAccountIds: string[]): MemberDeploymentTarget {
    return new MemberDeploymentTarget(organizationalUnitIds, AccountFilter.DIFFERENCE, excludedAccountIds);
  }

  /**
   * Only the listed accounts. A service-managed StackSet reaches accounts through organizational units:
   * name the units (or the root id `r-...`) they are in; a listed account outside them is skipped.
   */
  public static accounts(accountIds: string[], withinOrganizationalUnitIds: string[]): MemberDeploymentTarget {
    return new MemberDeploymentTarget(withinOrganizationalUnitIds, AccountFilter.INTERSECTION, accountIds);
  }

  /** The organizational unit ids, or the root id, targeted. */
  public readonly organizationalUnitIds: string[];
  /** How accounts are picked out of the organizational units. */
  public readonly accountFilter: AccountFilter;
  /** The accounts the filter uses (none for AccountFilter.NONE). */
  public readonly accountIds: string[];

  private constructor(organizationalUnitIds: string[], accountFilter: AccountFilter, accountIds: string[]) {
    this.organizationalUnitIds = organizationalUnitIds;
    this.accountFilter = accountFilter;
    this.accountIds = accountIds;
  }
}
