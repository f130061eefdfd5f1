import { AssemblyDiff, diffItems, diffMarkdown, reviewItems } from './diff';
import { findingsOfStacks, FindingOptions, ReviewFinding, reviewFindings } from './findings';
import { reviewWithFindings } from './review';
import { readInput, SynthesizedStack, TemplateResource, UnusableInputError } from './template';

/** The resource types the review describes: budgets, anomaly detection, cost categories, reports, schedules. */
export const COST_GOVERNANCE_RESOURCE_TYPES: readonly string[] = [
  'AWS::Budgets::Budget',
  'AWS::Budgets::BudgetsAction',
  'AWS::CE::AnomalyMonitor',
  'AWS::CE::AnomalySubscription',
  'AWS::CE::CostCategory',
  'AWS::CUR::ReportDefinition',
  'AWS::BCMDataExports::Export',
  'AWS::Scheduler::Schedule',
  'AWS::Events::Rule',
  'AWS::SNS::Subscription',
];

/** One stack of the review. */
export interface StackReview {
  readonly stackName: string;
  /** How many resources the rules reviewed. */
  readonly resourceCount: number;
  /** The cost-governance resources, with their synthesized properties (what will be deployed). */
  readonly costGovernance: TemplateResource[];
  /** What the review could not read in the stack's template, one line each, with the reason. */
  readonly unread: readonly string[];
}

/** The review as data: what `finops-review --format json` prints. */
export interface AssemblyReview {
  readonly stacks: StackReview[];
  readonly findings: ReviewFinding[];
  readonly summary: {
    readonly stacks: number;
    readonly resources: number;
    readonly errors: number;
    readonly warnings: number;
    readonly acknowledged: number;
  };
}

/** The review of synthesized stacks as data. */
export function reviewModel(stacks: readonly SynthesizedStack[], findings: readonly ReviewFinding[]): AssemblyReview {
  const open = findings.filter((finding) => finding.acknowledgedBecause === undefined);
  return {
    stacks: stacks.map((stack) => ({
      stackName: stack.stackName,
      resourceCount: stack.resources.length,
      costGovernance: stack.resources.filter((resource) => COST_GOVERNANCE_RESOURCE_TYPES.includes(resource.type)),
      unread: stack.unread ?? [],
    })),
    findings: [...findings],
    summary: {
      stacks: stacks.length,
      resources: stacks.reduce((total, stack) => total + stack.resources.length, 0),
      errors: open.filter((finding) => finding.severity === 'error').length,
      warnings: open.filter((finding) => finding.severity === 'warning').length,
      acknowledged: findings.length - open.length,
    },
  };
}

/**
 * The Markdown review and the JSON review of one cloud assembly (or of one template file), from one reading of it.
 * Throws UnusableInputError when the input cannot be read or a template is one CloudFormation would refuse.
 */
export function reviewCloudAssembly(assemblyDir: string, options: FindingOptions = {}): { markdown: string; model: AssemblyReview } {
  const stacks = readInput(assemblyDir);
  const findings = findingsOfLoadableStacks(stacks, options);
  return { markdown: reviewWithFindings(stacks, findings), model: reviewModel(stacks, findings) };
}

/** What `finops-review --base <dir> --format json` prints: the changes from the base, then the findings of this assembly. */
export interface AssemblyChangeReview extends AssemblyDiff {
  /** The base assembly directory as given. */
  readonly base: string;
  readonly findings: ReviewFinding[];
  readonly summary: AssemblyReview['summary'];
}

/**
 * The changes from a base assembly (the cdk.out of the base branch) to this one, as Markdown for a
 * pull request comment and as data, followed by the rule findings of this assembly.
 * Throws UnusableInputError when either assembly cannot be read.
 */
export function reviewCloudAssemblyChanges(
  baseDir: string,
  assemblyDir: string,
  options: FindingOptions = {},
): { markdown: string; model: AssemblyChangeReview } {
  const baseStacks = readInput(baseDir);
  if (baseStacks.length === 0) {
    throw new UnusableInputError(`${baseDir} has no stacks: its manifest.json lists no aws:cloudformation:stack artifact`);
  }
  const stacks = readInput(assemblyDir);
  const findings = findingsOfLoadableStacks(stacks, options);
  const diff = diffItems(reviewItems(baseStacks), reviewItems(stacks));
  const { summary } = reviewModel(stacks, findings);
  return {
    markdown: `${diffMarkdown(diff, baseDir)}\n${reviewFindings(findings, stacks).join('\n').trimEnd()}\n`,
    model: { base: baseDir, ...diff, findings, summary },
  };
}

/** The rule findings; a template that CloudFormation would refuse, say an Fn::If on an undeclared condition, is unusable input. */
function findingsOfLoadableStacks(stacks: readonly SynthesizedStack[], options: FindingOptions): ReviewFinding[] {
  try {
    return findingsOfStacks(stacks, options);
  } catch (error) {
    const refused = stacks.find((stack) => !loads(stack));
    const where = refused ? `${refused.templateFile ?? refused.stackName}: ` : '';
    throw new UnusableInputError(`${where}the template cannot be loaded to check the FinOps rules (${(error as Error).message.split('\n')[0]})`);
  }
}

function loads(stack: SynthesizedStack): boolean {
  try {
    findingsOfStacks([stack]);
    return true;
  } catch {
    return false;
  }
}
