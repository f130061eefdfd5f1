// A synth app as a user writes it with the library: run in its own process by synth.ts, bundled so
// that it loads the compiled library (lib/) the package ships, never the TypeScript sources.
import { statSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { accountId, ALERT_EMAIL, ALERT_THRESHOLDS, budgetAmount, cpuMilliseconds, parseSynthAppArguments, SynthAppOutput } from './synth-inputs';
import { AlertPublisher, AlertTopic, BudgetAlert, BudgetLimit, CostFilter, FinOpsBudget, NotificationType, OrganizationBudgets } from '../src';

const ALERTS: BudgetAlert[] = [
  { thresholds: ALERT_THRESHOLDS.filter(([type]) => type === 'ACTUAL').map(([, threshold]) => threshold) },
  { thresholds: ALERT_THRESHOLDS.filter(([type]) => type === 'FORECASTED').map(([, threshold]) => threshold), notificationType: NotificationType.FORECASTED },
];

const { shape, count } = parseSynthAppArguments(process.argv.slice(2));
const app = new App();
const stack = new Stack(app, 'Bench');
let nestedStacks: Stack[] = [];
if (shape === 'budgets') {
  const topic = new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS] }).topic;
  for (let index = 0; index < count; index++) {
    new FinOpsBudget(stack, `Budget${index}`, {
      budgetName: `budget-${index}`,
      limit: BudgetLimit.fixed(budgetAmount(index)),
      costFilter: CostFilter.linkedAccounts([accountId(index)]),
      alerts: ALERTS,
      alertEmails: [ALERT_EMAIL],
      alertTopic: topic,
    });
  }
} else {
  nestedStacks = new OrganizationBudgets(stack, 'Accounts', {
    budgets: Array.from({ length: count }, (_, index) => ({ accountId: accountId(index), amount: budgetAmount(index) })),
    alerts: ALERTS,
    alertEmails: [ALERT_EMAIL],
  }).stacks;
}
const assembly = app.synth();
const output: SynthAppOutput = {
  templateBytes: statSync(assembly.getStackByName(stack.stackName).templateFullPath).size,
  budgetsPerNestedStack: nestedStacks.map((nested) => nested.node.children.filter((child) => child instanceof FinOpsBudget).length),
  largestNestedTemplateBytes: Math.max(0, ...nestedStacks.map((nested) => statSync(join(assembly.directory, nested.templateFile)).size)),
  cpuMs: cpuMilliseconds(),
};
process.stdout.write(JSON.stringify(output));
