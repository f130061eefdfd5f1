import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ApprovalInput, storageActionRequests } from './approval';
import type { ApprovalStarter } from './outputs';

/**
 * Starts the approval workflow for a run's storage findings, once per optimizer, account and day,
 * when the pipeline has a workflow and the run found something it may execute.
 */
export function approvalStarter(stepFunctions: SFNClient): ApprovalStarter {
  return async (environment, report, reportLocation) => {
    if (environment.approvalStateMachineArn === undefined) return undefined;
    const requests = storageActionRequests(report.opportunities, { maxMonthlySavings: environment.autoApprovalMaxMonthlySavings });
    if (requests.actions.length === 0) return undefined;
    const runId = approvalExecutionName(environment.optimizer, report.accountId, report.runDate);
    const input: ApprovalInput = { runId, reportLocation, actions: requests.actions, omitted: requests.omitted, protected: requests.protected };
    try {
      const started = await stepFunctions.send(new StartExecutionCommand({
        stateMachineArn: environment.approvalStateMachineArn,
        name: runId,
        input: JSON.stringify(input),
      }));
      return started.executionArn;
    } catch (error) {
      // The day's actions are already waiting for a decision: a rerun must not ask twice.
      if ((error as Error).name === 'ExecutionAlreadyExists') return undefined;
      throw error;
    }
  };
}

/**
 * One execution per optimizer, account and run date (execution names are unique per state
 * machine for 90 days), so a rerun cannot route the same actions twice.
 */
export function approvalExecutionName(optimizer: string, accountId: string, runDate: string): string {
  return `${optimizer}-${accountId}-${runDate}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80);
}
