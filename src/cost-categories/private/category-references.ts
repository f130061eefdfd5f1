import { Annotations, Aspects, CfnResource, IAspect, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { describeList, failOnViolations, isUnresolved, RuleViolation } from '../../core/validation';

/** What the app-wide checks need to know of one CostCategoryOrg. */
export interface RegisteredCategory {
  readonly scope: IConstruct;
  /** The L1 resource that others depend on. */
  readonly resource: CfnResource;
  readonly name: string;
  /** The values the category assigns; `undefined` when open-ended (inherited or token values). */
  readonly values?: readonly string[];
}

/** The resource types whose properties may filter on a cost category, and the property that does. */
const FILTERING_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Budgets::Budget': 'budget',
  'AWS::CE::AnomalyMonitor': 'monitorSpecification',
  'AWS::CE::CostCategory': 'rules',
};

const registries = new WeakMap<IConstruct, RegisteredCategory[]>();

/**
 * Registers a category with its app and returns the violations of doing so: a category name is
 * unique in an account ("The unique name of the cost category",
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategory.html).
 * Two categories of one app with the same name are an error when both accounts are known and
 * equal, and a warning when an account is known only at deploy time.
 */
export function registerCategory(category: RegisteredCategory): RuleViolation[] {
  const root = category.scope.node.root;
  let registry = registries.get(root);
  if (registry === undefined) {
    registry = [];
    registries.set(root, registry);
    Aspects.of(root).add(new CostCategoryReferences(registry));
  }
  const sameName = isUnresolved(category.name) ? [] : registry.filter((other) => other.name === category.name);
  registry.push(category);
  const account = Stack.of(category.scope).account;
  const violations: RuleViolation[] = [];
  for (const other of sameName) {
    const otherAccount = Stack.of(other.scope).account;
    if (isUnresolved(account) || isUnresolved(otherAccount)) {
      Annotations.of(category.scope).addWarningV2(
        '@finops-as-code/cdk-finops:costCategoryNameRepeated',
        `${other.scope.node.path} has the same cost category name "${category.name}"; cost category names are unique in an account, ` +
          'so the second deployment into the same account fails. Give the categories different names unless their stacks deploy to different accounts.',
      );
    } else if (account === otherAccount) {
      violations.push({
        value: category.name,
        rule: `a cost category name is unique in its account, and ${other.scope.node.path} already names a category "${category.name}" in account ${account}`,
        fix: 'give one of the categories another name',
      });
    }
  }
  return violations;
}

/**
 * Checks every cost category filter of the app's budgets, anomaly monitors and cost categories
 * against the CostCategoryOrg of that name (its values must be values the category assigns), and
 * makes the filtering resource depend on the category so that it is not created first.
 */
class CostCategoryReferences implements IAspect {
  constructor(private readonly registry: readonly RegisteredCategory[]) {}

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || FILTERING_PROPERTIES[node.cfnResourceType] === undefined) {
      return;
    }
    const filtered = (node as unknown as Record<string, unknown>)[FILTERING_PROPERTIES[node.cfnResourceType]];
    const violations: RuleViolation[] = [];
    for (const leaf of costCategoryLeaves(Stack.of(node).resolve(filtered))) {
      for (const category of this.categoriesNamed(leaf.key, node)) {
        if (category.resource === node) {
          continue;
        }
        node.node.addDependency(category.resource);
        violations.push(...unknownValueViolations(leaf, category));
      }
    }
    failOnViolations(node.node.scope ?? node, violations);
  }

  /** The categories of that name, in the consumer's account where both accounts are known. */
  private categoriesNamed(name: string, consumer: IConstruct): RegisteredCategory[] {
    const account = Stack.of(consumer).account;
    return this.registry.filter((category) => {
      const categoryAccount = Stack.of(category.scope).account;
      const sameAccount = isUnresolved(account) || isUnresolved(categoryAccount) || account === categoryAccount;
      return category.name === name && sameAccount;
    });
  }
}

/** A `CostCategories` leaf of a cost filter, from a resolved template property. */
interface CostCategoryLeaf {
  readonly key: string;
  readonly values: readonly unknown[];
  readonly matchOptions: readonly unknown[];
}

/**
 * Every `CostCategories` leaf in a resolved property: PascalCase (JSON strings of anomaly monitors
 * and cost categories) or camelCase (the budget's L1 FilterExpression).
 */
export function costCategoryLeaves(resolved: unknown): CostCategoryLeaf[] {
  if (typeof resolved === 'string') {
    return resolved.trimStart().startsWith('{') || resolved.trimStart().startsWith('[') ? costCategoryLeaves(parseJson(resolved)) : [];
  }
  if (Array.isArray(resolved)) {
    return resolved.flatMap(costCategoryLeaves);
  }
  if (resolved === null || typeof resolved !== 'object') {
    return [];
  }
  const record = resolved as Record<string, unknown>;
  const leaf = (record.CostCategories ?? record.costCategories) as Record<string, unknown> | undefined;
  const leafKey = leaf?.Key ?? leaf?.key;
  const own = leaf && typeof leafKey === 'string'
    ? [{ key: leafKey, values: asArray(leaf.Values ?? leaf.values), matchOptions: asArray(leaf.MatchOptions ?? leaf.matchOptions) }]
    : [];
  const children = Object.entries(record).filter(([key]) => key !== 'CostCategories' && key !== 'costCategories').map(([, value]) => value);
  return [...own, ...children.flatMap(costCategoryLeaves)];
}

function unknownValueViolations(leaf: CostCategoryLeaf, category: RegisteredCategory): RuleViolation[] {
  const exact = leaf.matchOptions.every((option) => option === 'EQUALS');
  if (category.values === undefined || !exact) {
    return [];
  }
  return leaf.values
    .filter((value): value is string => typeof value === 'string' && !Token.isUnresolved(value) && !category.values!.includes(value))
    .map((value) => ({
      value,
      rule: `a filter on cost category "${category.name}" (${category.scope.node.path}) matches one of its values (${describeList(category.values!)})`,
      fix: 'use a value the category defines, or add a rule for it',
    }));
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
