import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { includeStack } from './include';
import { SynthesizedStack, TemplateResource } from './template';
import { acknowledgementIn, requiredTagStands, templateFindings } from './template-rules';
import { withoutBuiltinValidation } from '../core/builtin-validation';
import { FinOpsChecks } from '../nag';
import { ruleOfFinding } from '../nag/rules';

/** What the review checks the stacks against. */
export interface FindingOptions {
  /** Tag keys every taggable resource must carry (FinOps-CostAllocationTags). Default: none. */
  readonly requiredTagKeys?: readonly string[];
}

/** One finding of the FinOps rule pack on one resource of a synthesized template. */
export interface ReviewFinding {
  /** "FinOps-<Rule>" or "FinOps-<Rule>[<detail>]", the id to acknowledge it with (prefixed "FinOps::"). */
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  readonly stackName: string;
  readonly logicalId: string;
  /** The construct path (aws:cdk:path metadata), else the logical ID. */
  readonly path: string;
  readonly resourceType: string;
  /** The template condition the resource exists under, when it does not always exist. */
  readonly condition?: string;
  /** What is wrong. */
  readonly message: string;
  /** What is wrong with this resource in particular, when the rule says more than its message (which parameter, which reason). */
  readonly detail?: string;
  /** Why it costs money and how to fix it. */
  readonly fix: string;
  /** The reason the finding was acknowledged with, from the resource's `cdk_nag` template metadata. */
  readonly acknowledgedBecause?: string;
}

/**
 * Runs the FinOps rule pack over synthesized templates. The templates are loaded with aws-cdk-lib's
 * cloudformation-include into a fresh app, which turns every resource back into its typed L1
 * (tags included), so the review applies exactly the rules a CDK app applies with
 * `Validations.of(app).addPlugins(new FinOpsChecks(app))`: one implementation of each rule. Where the
 * include refuses a template that CloudFormation takes, resources are included one by one (see
 * includeStack), and those that still cannot be loaded are named in a FinOps-RulesNotChecked finding.
 * Required-tag findings count stack-level tags and skip resources AWS does not bill (see requiredTagStands).
 * The template rules (templateFindings) follow the pack's findings.
 * Construct-tree acknowledgements do not reach the template; those written as `cdk_nag`
 * metadata (NagPackProps.writeSuppressionsToCloudFormation) are honoured and shown with their reason.
 * Stacks read without a template file are not checked.
 */
export function findingsOfStacks(stacks: readonly SynthesizedStack[], options: FindingOptions = {}): ReviewFinding[] {
  const app = new App(withoutBuiltinValidation());
  const origins = new Map<string, { stack: SynthesizedStack; resource: CfnResource }>();
  const checked: { stack: SynthesizedStack; byLogicalId: Map<string, CfnResource>; findings: ReviewFinding[] }[] = [];
  stacks.forEach((stack, index) => {
    if (!stack.templateFile) {
      return;
    }
    const { byLogicalId, unchecked } = includeStack(app, `Stack${index}`, stack);
    byLogicalId.forEach((resource) => origins.set(resource.node.path, { stack, resource }));
    checked.push({ stack, byLogicalId, findings: templateFindings(stack, unchecked) });
  });
  const report = new FinOpsChecks(undefined, { requiredTagKeys: [...(options.requiredTagKeys ?? [])] }).validateScope(app);
  const ruleFindings = report.violations.flatMap((violation) =>
    violation.violatingResources.flatMap((violating) => {
      const origin = origins.get(violating.constructPath ?? '');
      const rule = ruleOfFinding(violation.ruleName);
      if (!origin || !rule) {
        return [];
      }
      const acknowledgedBecause = acknowledgementOf(origin.resource, violation.ruleName);
      const logicalId: string = Stack.of(origin.resource).resolve(origin.resource.logicalId);
      const resource = origin.stack.resources.find((candidate) => candidate.logicalId === logicalId);
      const finding: ReviewFinding = {
        ruleId: violation.ruleName,
        severity: violation.severity === 'warning' ? 'warning' as const : 'error' as const,
        stackName: origin.stack.stackName,
        logicalId,
        path: resource?.path ?? logicalId,
        resourceType: origin.resource.cfnResourceType,
        ...(resource?.condition !== undefined ? { condition: resource.condition } : {}),
        message: rule.info,
        fix: rule.explanation,
        ...(acknowledgedBecause !== undefined ? { acknowledgedBecause } : {}),
      };
      return requiredTagStands(finding, origin.stack) ? [finding] : [];
    }),
  );
  return [
    ...ruleFindings,
    ...checked.flatMap(({ stack, byLogicalId, findings }) => [...unreadTopicFindings(stack, byLogicalId), ...findings]),
  ];
}

/**
 * A topic that nobody reads: alerts that AWS Budgets, Cost Anomaly Detection or an alarm publish to
 * it reach no one. Read from the template, which is all the review has: a topic counts as read when
 * an AWS::SNS::Subscription or a chat channel configuration of the same template refers to it, or it
 * declares inline subscriptions. A budget or anomaly subscription naming it is a publisher, not a reader.
 */
const TOPIC_WITHOUT_SUBSCRIBER = {
  ruleId: 'FinOps-TopicSubscribed',
  message: 'The SNS topic has no subscription in its template: the alerts published to it reach nobody.',
  fix: 'Subscribe whoever acts on the alerts (email, chat channel, on-call tool), or acknowledge the finding naming where they subscribe.',
};

const TOPIC_READER_TYPES = ['AWS::SNS::Subscription', 'AWS::Chatbot::SlackChannelConfiguration', 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration'];

function unreadTopicFindings(stack: SynthesizedStack, byLogicalId: Map<string, CfnResource>): ReviewFinding[] {
  const readers = JSON.stringify(
    stack.resources.filter((resource) => TOPIC_READER_TYPES.includes(resource.type)).map((resource) => resource.properties),
  );
  const isRead = (topic: TemplateResource) =>
    (topic.properties.Subscription ?? []).length > 0 || readers.includes(JSON.stringify({ Ref: topic.logicalId }));
  return stack.resources
    .filter((resource) => resource.type === 'AWS::SNS::Topic' && !isRead(resource))
    .map((topic) => {
      const included = byLogicalId.get(topic.logicalId);
      const acknowledgedBecause = included ? acknowledgementOf(included, TOPIC_WITHOUT_SUBSCRIBER.ruleId) : undefined;
      return {
        ruleId: TOPIC_WITHOUT_SUBSCRIBER.ruleId,
        severity: 'warning' as const,
        stackName: stack.stackName,
        logicalId: topic.logicalId,
        path: topic.path,
        resourceType: topic.type,
        message: TOPIC_WITHOUT_SUBSCRIBER.message,
        fix: TOPIC_WITHOUT_SUBSCRIBER.fix,
        ...(acknowledgedBecause !== undefined ? { acknowledgedBecause } : {}),
      };
    });
}

/** The reason of a `cdk_nag` metadata acknowledgement of the rule on the resource. */
function acknowledgementOf(resource: CfnResource, ruleId: string): string | undefined {
  return acknowledgementIn({ cdk_nag: resource.getMetadata('cdk_nag') }, ruleId);
}

/** The Markdown section of the findings: grouped by rule, with the fix once per rule. */
export function reviewFindings(findings: readonly ReviewFinding[], stacks: readonly SynthesizedStack[]): string[] {
  const lines = ['## FinOps rule findings', ''];
  const open = findings.filter((finding) => finding.acknowledgedBecause === undefined);
  const count = (severity: string) => open.filter((finding) => finding.severity === severity).length;
  const resources = stacks.reduce((total, stack) => total + stack.resources.length, 0);
  lines.push(
    `${count('error')} error(s), ${count('warning')} warning(s), ${findings.length - open.length} acknowledged, ` +
    `over ${resources} resource(s) in ${stacks.length} stack(s).`,
    '',
  );
  if (findings.length === 0) {
    lines.push('Every resource passes the FinOps rules.', '');
    return lines;
  }
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))];
  for (const ruleId of ruleIds) {
    const ofRule = findings.filter((finding) => finding.ruleId === ruleId);
    lines.push(`### ${ruleId} (${ofRule[0].severity})`, '', `${ofRule[0].message} ${ofRule[0].fix}`, '');
    for (const finding of ofRule) {
      const acknowledged = finding.acknowledgedBecause !== undefined ? ` — acknowledged: ${finding.acknowledgedBecause}` : '';
      const where = finding.path === finding.logicalId ? `${finding.stackName} / ${finding.logicalId}` : finding.path;
      const condition = finding.condition !== undefined ? `, only when ${finding.condition}` : '';
      const detail = finding.detail !== undefined ? `: ${finding.detail}` : '';
      lines.push(`- ${where} (${finding.resourceType}${condition})${detail}${acknowledged}`);
    }
    lines.push('');
  }
  return lines;
}
