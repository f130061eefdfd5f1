import { describeExpression } from '../../core/private/expression';
import { ReviewItem } from '../item';
import { conditionFact, onlyWhen, readable, SynthesizedStack, TemplateResource } from '../template';

/** The review of every AWS::CE::CostCategory of a stack (rules in evaluation order) and of the cost allocation tags it activates. */
export function reviewCostCategories(stack: SynthesizedStack): string[] {
  const categories = stack.resources.filter((resource) => resource.type === 'AWS::CE::CostCategory');
  const tagActivations = stack.resources.filter((resource) => resource.type === 'Custom::CostAllocationTags');
  if (categories.length === 0 && tagActivations.length === 0) {
    return [];
  }
  return [
    `### Cost categories (${categories.length})`,
    '',
    ...categories.flatMap(reviewCategory),
    ...tagActivations.map(reviewTagActivation),
    '',
  ];
}

function reviewCategory(category: TemplateResource): string[] {
  const properties = category.properties;
  const rules = parsed(properties.Rules);
  const splitChargeRules = parsed(properties.SplitChargeRules) ?? [];
  return [
    `- **${readable(properties.Name)}** (first matching rule wins; default: ${properties.DefaultValue ? readable(properties.DefaultValue) : 'none'})${onlyWhen(category)}`,
    ...(rules ? rules.map((rule: any, index: number) => `  - rule ${index + 1}: ${describeRule(rule)}`) : [`  - rules: ${readable(properties.Rules)}`]),
    ...splitChargeRules.map((rule: any) => `  - split charge: ${describeSplitCharge(rule)}`),
  ];
}

/** Every cost category of a stack as facts: default value, each rule by its place in the evaluation order, split charges. */
export function costCategoryItems(stack: SynthesizedStack): ReviewItem[] {
  return stack.resources
    .filter((resource) => resource.type === 'AWS::CE::CostCategory')
    .map((category) => {
      const properties = category.properties;
      const rules = parsed(properties.Rules);
      return {
        section: 'Cost categories',
        stackName: stack.stackName,
        path: category.path,
        name: readable(properties.Name),
        facts: Object.fromEntries([
          ...Object.entries(conditionFact(category)),
          ['default', [properties.DefaultValue ? readable(properties.DefaultValue) : 'none']],
          ...(rules ? rules.map((rule: any, index: number) => [`rule ${index + 1}`, [describeRule(rule)]]) : [['rules', [readable(properties.Rules)]]]),
          ['split charges', (parsed(properties.SplitChargeRules) ?? []).map(describeSplitCharge)],
        ]),
      };
    });
}

function describeRule(rule: any): string {
  if (rule.Type === 'INHERITED_VALUE') {
    const inherited = rule.InheritedValue ?? {};
    return inherited.DimensionName === 'TAG' ? `value of tag ${inherited.DimensionKey}` : 'name of the linked account';
  }
  return `${rule.Value} ← ${rule.Rule ? describeExpression(rule.Rule) : 'all costs'}`;
}

function describeSplitCharge(rule: any): string {
  const percentages: string[] | undefined = rule.Parameters?.find((parameter: any) => parameter.Type === 'ALLOCATION_PERCENTAGES')?.Values;
  const targets = (rule.Targets as string[]).map((target, index) => (percentages ? `${target} ${percentages[index]}%` : target));
  return `${rule.Source === '' ? 'uncategorized costs' : rule.Source} → ${targets.join(', ')} (${rule.Method})`;
}

function reviewTagActivation(activation: TemplateResource): string {
  const onDelete = activation.properties.DeactivateOnDelete === 'true' ? 'deactivated on delete' : 'left active on delete';
  return `- cost allocation tags activated: ${readable(activation.properties.TagKeys)} (${onDelete})`;
}

/** Rules are a JSON string in the template; with deploy-time values they are a join that is shown as is. */
function parsed(value: unknown): any[] | undefined {
  return typeof value === 'string' ? JSON.parse(value) : undefined;
}
