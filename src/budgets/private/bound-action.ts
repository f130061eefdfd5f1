import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';

/** A definition rendered for one budget action. */
export interface BoundActionDefinition {
  readonly actionType: 'APPLY_IAM_POLICY' | 'APPLY_SCP_POLICY' | 'RUN_SSM_DOCUMENTS';
  readonly definition: budgets.CfnBudgetsAction.DefinitionProperty;
  /** The least-privilege statements the execution role needs to run (and reverse) the action. */
  readonly executionStatements: iam.PolicyStatement[];
  /** The targets, for limit checks: roles/groups/users, SCP targets, or instance IDs. */
  readonly targetLists: Array<{ what: string; items: string[] }>;
  /** The SCP and its targets, for an SCP action. */
  readonly scp?: { readonly policyId: string; readonly targetIds: string[] };
  /** One line for reviews. */
  readonly summary: string;
}

