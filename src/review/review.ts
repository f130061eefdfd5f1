import { findingsOfStacks, FindingOptions, ReviewFinding, reviewFindings } from './findings';
import { reviewAnomalyDetection } from './sections/anomaly';
import { reviewBudgets } from './sections/budgets';
import { reviewCostCategories } from './sections/cost-categories';
import { reviewCostReports } from './sections/cur';
import { reviewOptimization } from './sections/optimization';
import { readAssembly, SynthesizedStack } from './template';

/** One section of the review: the lines it adds for a stack (none when the stack has nothing for it). */
export type ReviewSection = (stack: SynthesizedStack) => string[];

/** The sections, in the order reviewers read them. */
export const REVIEW_SECTIONS: readonly ReviewSection[] = [
  reviewBudgets,
  reviewAnomalyDetection,
  reviewCostCategories,
  reviewCostReports,
  reviewOptimization,
];

/** A Markdown review of every FinOps resource in the stacks. */
export function reviewStacks(stacks: SynthesizedStack[], sections: readonly ReviewSection[] = REVIEW_SECTIONS): string {
  const lines = ['# FinOps review', ''];
  for (const stack of stacks) {
    const body = sections.flatMap((section) => section(stack));
    if (body.length > 0) {
      lines.push(`## Stack ${stack.stackName}`, '', ...body);
    }
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** The Markdown review of the stacks followed by the FinOps rule findings. */
export function reviewWithFindings(stacks: SynthesizedStack[], findings: readonly ReviewFinding[]): string {
  return `${reviewStacks(stacks)}\n${reviewFindings(findings, stacks).join('\n').trimEnd()}\n`;
}

/** A Markdown review of a cloud assembly directory (cdk.out), with the FinOps rule findings over its templates. */
export function reviewAssembly(assemblyDir: string, options: FindingOptions = {}): string {
  const stacks = readAssembly(assemblyDir);
  return reviewWithFindings(stacks, findingsOfStacks(stacks, options));
}
