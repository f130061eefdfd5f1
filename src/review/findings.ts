import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { SynthesizedStack } from './template';
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
  readonly resourceType: string;
  /** What is wrong. */
  readonly message: string;
  /** Why it costs money and how to fix it. */
  readonly fix: string;
  /** The reason the finding was acknowledged with, from the resource's `cdk_nag` template metadata. */
  readonly acknowledgedBecause?: string;
}

/**
 * Runs the FinOps rule pack over synthesized templates. The templates are loaded with aws-cdk-lib's
 * cloudformation-include into a fresh app, which turns every resource back into its typed L1
 * (tags included), so the review applies exactly the rules a CDK app applies with
 * `Validations.of(app).addPlugins(new FinOpsChecks(app))`: one implementation of each rule.
 * Construct-tree acknowledgements do not reach the template; those written as `cdk_nag`
 * metadata (NagPackProps.writeSuppressionsToCloudFormation) are honoured and shown with their reason.
 * Stacks read without a template file are not checked.
 */
export function findingsOfStacks(stacks: readonly SynthesizedStack[], options: FindingOptions = {}): ReviewFinding[] {
  const app = new App({ builtinCloudFormationValidation: false });
  const origins = new Map<string, { stackName: string; resource: CfnResource }>();
  stacks.forEach((stack, index) => {
    if (!stack.templateFile) {
      return;
    }
    const scope = new Stack(app, `Stack${index}`);
    new CfnInclude(scope, 'Template', { templateFile: stack.templateFile });
    for (const resource of scope.node.findAll().filter(CfnResource.isCfnResource)) {
      origins.set(resource.node.path, { stackName: stack.stackName, resource });
    }
  });
  const report = new FinOpsChecks(undefined, { requiredTagKeys: [...(options.requiredTagKeys ?? [])] }).validateScope(app);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.flatMap((violating) => {
      const origin = origins.get(violating.constructPath ?? '');
      const rule = ruleOfFinding(violation.ruleName);
      if (!origin || !rule) {
        return [];
      }
      const acknowledgedBecause = acknowledgementOf(origin.resource, violation.ruleName);
      return [{
        ruleId: violation.ruleName,
        severity: violation.severity === 'warning' ? 'warning' as const : 'error' as const,
        stackName: origin.stackName,
        logicalId: Stack.of(origin.resource).resolve(origin.resource.logicalId),
        resourceType: origin.resource.cfnResourceType,
        message: rule.info,
        fix: rule.explanation,
        ...(acknowledgedBecause !== undefined ? { acknowledgedBecause } : {}),
      }];
    }),
  );
}

/** The reason of a `cdk_nag: { rules_to_suppress: [{ id, reason }] }` entry for the rule, ids with or without the "FinOps::" prefix. */
function acknowledgementOf(resource: CfnResource, ruleId: string): string | undefined {
  const suppressions: any[] = resource.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  return suppressions.find((entry) => typeof entry?.id === 'string' && entry.id.replace(/^[\w-]+::/, '') === ruleId)?.reason;
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
      lines.push(`- ${finding.stackName} / ${finding.logicalId} (${finding.resourceType})${acknowledged}`);
    }
    lines.push('');
  }
  return lines;
}
