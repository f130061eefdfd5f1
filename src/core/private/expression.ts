import { MatchOption } from '../cost-filter';
import { ACCOUNT_DIMENSION, EXPRESSION_MIN_OPERANDS, EXPRESSION_VALUE_MAX_LENGTH } from '../limits/cost-explorer';
import { isAccountId, isUnresolved, RuleViolation } from '../validation';

/** One leaf of an expression: a dimension, tag or cost category with its values. */
export interface KeyedValues {
  readonly Key: string;
  readonly Values?: string[];
  readonly MatchOptions?: string[];
}

/** The Cost Explorer `Expression` shape. Exactly one member is set. */
export interface CostExpression {
  readonly Dimensions?: KeyedValues;
  readonly Tags?: KeyedValues;
  readonly CostCategories?: KeyedValues;
  readonly And?: CostExpression[];
  readonly Or?: CostExpression[];
  readonly Not?: CostExpression;
}

const LEAF_KINDS = ['Dimensions', 'Tags', 'CostCategories'] as const;
type LeafKind = (typeof LEAF_KINDS)[number];

/** Visits every leaf of an expression with its kind. */
export function expressionLeaves(expression: CostExpression): Array<{ kind: LeafKind; leaf: KeyedValues }> {
  const own = LEAF_KINDS.filter((kind) => expression[kind] !== undefined).map((kind) => ({ kind, leaf: expression[kind]! }));
  const children = [...(expression.And ?? []), ...(expression.Or ?? []), ...(expression.Not ? [expression.Not] : [])];
  return [...own, ...children.flatMap(expressionLeaves)];
}

/** The public factory that makes each combination, named in messages about it. */
export const COMBINATION_FACTORY = { And: 'allOf', Or: 'anyOf' } as const;

/**
 * The rules of the Cost Explorer Expression that can be seen at synth: And/Or have at least two
 * operands, a leaf has values unless it matches ABSENT, keys and values within length limits.
 */
export function expressionViolations(expression: CostExpression): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const operator of ['And', 'Or'] as const) {
    const operands = expression[operator];
    if (operands !== undefined && operands.length < EXPRESSION_MIN_OPERANDS) {
      violations.push({
        value: `${COMBINATION_FACTORY[operator]}() of ${operands.length} filter(s)`,
        rule: `a cost filter ${COMBINATION_FACTORY[operator]}() combines at least ${EXPRESSION_MIN_OPERANDS} filters`,
        fix: operands.length === 1 ? 'use the single filter on its own' : 'remove the empty combination',
      });
    }
    operands?.forEach((operand) => violations.push(...expressionViolations(operand)));
  }
  if (expression.Not) {
    violations.push(...expressionViolations(expression.Not));
  }
  for (const kind of LEAF_KINDS) {
    const leaf = expression[kind];
    if (leaf) {
      violations.push(...leafViolations(kind, leaf));
    }
  }
  return violations;
}

function leafViolations(kind: LeafKind, leaf: KeyedValues): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const matchesAbsence = leaf.MatchOptions?.includes(MatchOption.ABSENT) ?? false;
  if (!matchesAbsence && (leaf.Values ?? []).length === 0) {
    violations.push({
      value: `${kind} ${leaf.Key} with no values`,
      rule: 'a cost filter matches at least one value',
      fix: 'list the values to match, or use CostFilter.tagAbsent() for untagged costs',
    });
  }
  const exact = (leaf.MatchOptions ?? [MatchOption.EQUALS]).every((option) => option === MatchOption.EQUALS);
  if (kind === 'Dimensions' && leaf.Key === ACCOUNT_DIMENSION && exact) {
    violations.push(...(leaf.Values ?? [])
      .filter((accountId) => !isUnresolved(accountId) && !isAccountId(accountId))
      .map((accountId) => ({ value: accountId, rule: 'an account ID is 12 digits', fix: 'correct the account ID of the cost filter' })));
  }
  for (const text of [leaf.Key, ...(leaf.Values ?? [])]) {
    if (!isUnresolved(text) && (text.length === 0 || text.length > EXPRESSION_VALUE_MAX_LENGTH)) {
      violations.push({
        value: text,
        rule: `cost filter keys and values are 1-${EXPRESSION_VALUE_MAX_LENGTH} characters`,
        fix: 'correct the key or value',
      });
    }
  }
  return violations;
}

/** A short human-readable form, for reviews: `SERVICE is "Amazon EC2" and tag team is "a" or "b"`. */
export function describeExpression(expression: CostExpression): string {
  if (expression.And) {
    return expression.And.map((operand) => wrap(operand)).join(' and ');
  }
  if (expression.Or) {
    return expression.Or.map((operand) => wrap(operand)).join(' or ');
  }
  if (expression.Not) {
    return `not ${wrap(expression.Not)}`;
  }
  const kind = LEAF_KINDS.find((candidate) => expression[candidate] !== undefined);
  if (!kind) {
    return 'all costs';
  }
  const leaf = expression[kind]!;
  const subject = kind === 'Dimensions' ? leaf.Key : kind === 'Tags' ? `tag ${leaf.Key}` : `cost category ${leaf.Key}`;
  const options = (leaf.MatchOptions ?? []).filter((option) => option !== MatchOption.EQUALS);
  if (options.includes(MatchOption.ABSENT)) {
    return `${subject} is absent`;
  }
  const verb = options.length > 0 ? options.map((option) => option.toLowerCase().replace(/_/g, ' ')).join(', ') : 'is';
  return `${subject} ${verb} ${(leaf.Values ?? []).map((value) => JSON.stringify(value)).join(' or ')}`;
}

function wrap(expression: CostExpression): string {
  const text = describeExpression(expression);
  return expression.And || expression.Or ? `(${text})` : text;
}
