import { findingsOfStacks, FindingOptions, ReviewFinding, reviewFindings } from './findings';
import { reviewAnomalyDetection } from './sections/anomaly';
import { reviewBudgets } from './sections/budgets';
import { reviewCostCategories } from './sections/cost-categories';
import { reviewCostReports } from './sections/cur';
import { reviewOptimization } from './sections/optimization';
import { reviewOrganization } from './sections/organization';
import { conditionalProperties, readInput, SynthesizedStack } from './template';

/** One section of the review: the lines it adds for a stack (none when the stack has nothing for it). */
export type ReviewSection = (stack: SynthesizedStack) => string[];

/** The sections, in the order reviewers read them. */
export const REVIEW_SECTIONS: readonly ReviewSection[] = [
  reviewBudgets,
  reviewAnomalyDetection,
  reviewCostCategories,
  reviewCostReports,
  reviewOptimization,
  reviewOrganization,
];

/** A Markdown review of every FinOps resource in the stacks. */
export function reviewStacks(stacks: SynthesizedStack[], sections: readonly ReviewSection[] = REVIEW_SECTIONS): string {
  const lines = ['# FinOps review', ''];
  for (const stack of stacks) {
    const body = [...unreadNotice(stack), ...sections.flatMap((section) => sectionOrNotice(section, stack))];
    if (body.length > 0) {
      lines.push(`## Stack ${stack.stackName}`, '', ...body);
    }
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** What the review could not read in the stack's template, one line each. */
function unreadNotice(stack: SynthesizedStack): string[] {
  const unread = stack.unread ?? [];
  return unread.length === 0 ? [] : ['> Not read from this template:', ...unread.map((line) => `> - ${line}`), ''];
}

/**
 * A section's lines, or, when the section cannot follow the stack's template (a list that is an
 * Fn::If, say), a notice that says so and shows the stack's conditional values, so the rest of the
 * review and the rule findings are still printed.
 */
function sectionOrNotice(section: ReviewSection, stack: SynthesizedStack): string[] {
  try {
    return section(stack);
  } catch (error) {
    const conditional = stack.resources.flatMap(conditionalProperties);
    return [
      `> Part of this stack is not described: the review could not follow its template (${(error as Error).message}).` +
        (conditional.length > 0 ? ' Values that depend on conditions:' : ''),
      ...conditional.map((line) => `> - ${line}`),
      '',
    ];
  }
}

/** The Markdown review of the stacks followed by the FinOps rule findings. */
export function reviewWithFindings(stacks: SynthesizedStack[], findings: readonly ReviewFinding[]): string {
  return `${reviewStacks(stacks)}\n${reviewFindings(findings, stacks).join('\n').trimEnd()}\n`;
}

/** A Markdown review of a cloud assembly directory (cdk.out) or of one template file, with the FinOps rule findings over its templates. */
export function reviewAssembly(assemblyDir: string, options: FindingOptions = {}): string {
  const stacks = readInput(assemblyDir);
  return reviewWithFindings(stacks, findingsOfStacks(stacks, options));
}
