import { CostCategoryRuleJson, SplitChargeRuleJson } from './private/rule-json';
import { SplitChargeMethod } from './split-charge-rule';
import {
  COST_ALLOCATION_TAG_KEY_MAX_LENGTH,
  COST_CATEGORY_DIMENSIONS,
  COST_CATEGORY_MAX_RULES,
  COST_CATEGORY_MAX_SPLIT_CHARGE_RULES,
  COST_CATEGORY_MIN_RULES,
  COST_CATEGORY_NAME_CHARACTERS,
  COST_CATEGORY_NAME_MAX_LENGTH,
  COST_CATEGORY_VALUE_MAX_LENGTH,
  SPLIT_CHARGE_FIXED_TOTAL_PERCENT,
  SPLIT_CHARGE_MAX_TARGETS,
} from '../core/limits/cost-categories';
import { expressionLeaves, expressionViolations } from '../core/private/expression';
import { checkCount, checkLength, describeList, isUnresolved, RuleViolation, violationsOf } from '../core/validation';

/** What the cost category rules look at. */
export interface CostCategoryRuleInput {
  readonly name: string;
  readonly rules: readonly CostCategoryRuleJson[];
  readonly defaultValue?: string;
  readonly splitChargeRules: readonly SplitChargeRuleJson[];
  /** The FIXED percentages of each split charge rule, as numbers the user wrote. */
  readonly splitChargePercentages: ReadonlyArray<readonly number[]>;
  readonly allowOverlappingAccounts: boolean;
}

/** The rules a cost category's name keeps, for a category defined here or imported by name. */
export function costCategoryNameViolations(name: string): RuleViolation[] {
  return [
    ...textViolations(name, 'cost category name', COST_CATEGORY_NAME_MAX_LENGTH, 'choose a shorter name without leading or trailing spaces'),
    ...characterViolations(name, 'cost category name', 'costCategoryName'),
  ];
}

/** Every documented AWS Cost Categories rule a category's props can break, first the most basic. */
export function costCategoryViolations(input: CostCategoryRuleInput): RuleViolation[] {
  const definedValues = valuesDefinedBy(input.rules, input.defaultValue);
  return [
    ...costCategoryNameViolations(input.name),
    ...(input.defaultValue === undefined
      ? []
      : [
        ...textViolations(input.defaultValue, 'cost category default value', COST_CATEGORY_VALUE_MAX_LENGTH, 'shorten the default value and trim its spaces'),
        ...characterViolations(input.defaultValue, 'cost category default value', 'defaultValue'),
      ]),
    ...ruleCountViolations(input.rules),
    ...input.rules.flatMap(ruleViolations),
    ...(input.allowOverlappingAccounts ? [] : overlappingAccountViolations(input.rules)),
    ...violationsOf(
      checkCount(
        input.splitChargeRules,
        COST_CATEGORY_MAX_SPLIT_CHARGE_RULES,
        'split charge rules per cost category',
        'merge split charge rules that share targets',
      ),
    ),
    ...input.splitChargeRules.flatMap((rule, index) =>
      splitChargeViolations(
        rule,
        input.splitChargePercentages[index] ?? [],
        hasOpenEndedValues(input.rules, input.defaultValue) ? undefined : definedValues,
      )),
    ...splitChargeGraphViolations(input.splitChargeRules),
  ];
}

/** The values the category can assign: regular rule values in rule order, then the default value; no repeats. */
export function valuesDefinedBy(rules: readonly CostCategoryRuleJson[], defaultValue?: string): string[] {
  const values = rules.filter((rule) => rule.Value !== undefined).map((rule) => rule.Value!);
  return [...new Set(defaultValue === undefined ? values : [...values, defaultValue])];
}

/**
 * Whether the category assigns values that are not known at synth: values inherited from a tag or
 * an account name (produced from billing data), or values that are tokens.
 */
export function hasOpenEndedValues(rules: readonly CostCategoryRuleJson[], defaultValue?: string): boolean {
  return rules.some((rule) => rule.Type === 'INHERITED_VALUE' || isUnresolved(rule.Value)) || isUnresolved(defaultValue);
}

/** The characters a cost category name and default value may hold. */
function characterViolations(text: string, what: string, prop: string): RuleViolation[] {
  const others = isUnresolved(text) ? [] : [...new Set([...text].filter((character) => !COST_CATEGORY_NAME_CHARACTERS.test(character)))];
  return others.length === 0
    ? []
    : [{
      value: text,
      rule: `a ${what} holds only letters, numbers, spaces, "-" and "_" (not ${others.map((character) => JSON.stringify(character)).join(' ')})`,
      fix: `replace those characters of ${prop}, e.g. with "-"`,
    }];
}

/** Tag keys used by cost allocation tag activation: 1-128 characters. */
export function tagKeyViolations(tagKeys: readonly string[]): RuleViolation[] {
  return violationsOf(
    ...tagKeys.map((key) =>
      checkLength(key, 1, COST_ALLOCATION_TAG_KEY_MAX_LENGTH, 'a cost allocation tag key', 'use the tag key exactly as resources carry it'),
    ),
    tagKeys.length === 0 ? { value: tagKeys, rule: 'activation names at least one cost allocation tag', fix: 'list the tag keys to activate' } : undefined,
    ...duplicates(tagKeys).map((key) => ({ value: key, rule: 'each cost allocation tag is listed once', fix: 'remove the repeated tag key' })),
  );
}

function textViolations(text: string, what: string, maxLength: number, fix: string): RuleViolation[] {
  if (isUnresolved(text)) {
    return [];
  }
  const spaced = text !== text.trim() ? { value: text, rule: `a ${what} has no leading or trailing spaces`, fix } : undefined;
  return violationsOf(checkLength(text, 1, maxLength, `a ${what}`, fix), spaced);
}

function ruleCountViolations(rules: readonly CostCategoryRuleJson[]): RuleViolation[] {
  if (rules.length < COST_CATEGORY_MIN_RULES) {
    return [{
      value: `${rules.length} rules`,
      rule: `a cost category has at least ${COST_CATEGORY_MIN_RULES} rule`,
      fix: 'map values to accounts with accountsByValue, or add rules',
    }];
  }
  return violationsOf(
    rules.length > COST_CATEGORY_MAX_RULES
      ? {
        value: `${rules.length} rules`,
        rule: `at most ${COST_CATEGORY_MAX_RULES} rules per cost category (API limit) (got ${rules.length})`,
        fix: 'split the rules over several cost categories, or match more accounts per rule',
      }
      : undefined,
  );
}

function ruleViolations(rule: CostCategoryRuleJson): RuleViolation[] {
  const valueViolations = rule.Value === undefined
    ? []
    : textViolations(rule.Value, 'cost category value', COST_CATEGORY_VALUE_MAX_LENGTH, 'shorten the value and trim its spaces');
  const tagKey = rule.InheritedValue?.DimensionKey;
  const inheritedViolations = tagKey === undefined
    ? []
    : violationsOf(checkLength(tagKey, 1, COST_ALLOCATION_TAG_KEY_MAX_LENGTH, 'an inherited value tag key', 'use the tag key exactly as resources carry it'));
  if (!rule.Rule) {
    return [...valueViolations, ...inheritedViolations];
  }
  const leaves = expressionLeaves(rule.Rule);
  const dimensionViolations: RuleViolation[] = leaves
    .filter(({ kind, leaf }) => kind === 'Dimensions' && !COST_CATEGORY_DIMENSIONS.includes(leaf.Key))
    .map(({ leaf }) => ({
      value: leaf.Key,
      rule: `cost category rules match only the dimensions ${COST_CATEGORY_DIMENSIONS.join(', ')}, tags and other cost categories`,
      fix: `match value "${rule.Value}" on an allowed dimension, e.g. SERVICE_CODE instead of SERVICE`,
    }));
  return [...valueViolations, ...inheritedViolations, ...expressionViolations(rule.Rule), ...dimensionViolations];
}

/**
 * An account listed under two values is assigned to the first only (first match wins), which is
 * almost always a mistake in an account map. Only rules that match whole accounts are compared.
 */
function overlappingAccountViolations(rules: readonly CostCategoryRuleJson[]): RuleViolation[] {
  const firstValueOf = new Map<string, string>();
  const violations: RuleViolation[] = [];
  for (const rule of rules) {
    for (const accountId of wholeAccountsOf(rule)) {
      const earlier = firstValueOf.get(accountId);
      if (earlier === undefined) {
        firstValueOf.set(accountId, rule.Value!);
      } else if (earlier !== rule.Value) {
        violations.push({
          value: accountId,
          rule: `an account is mapped to one value, but it is under "${earlier}" and "${rule.Value}" and the first rule that matches wins`,
          fix: `remove it from one of the values, or set allowOverlappingAccounts: true to let "${earlier}" win`,
        });
      }
    }
  }
  return violations;
}

function wholeAccountsOf(rule: CostCategoryRuleJson): string[] {
  const dimension = rule.Rule?.Dimensions;
  const matchesExactly = (dimension?.MatchOptions ?? ['EQUALS']).every((option) => option === 'EQUALS');
  return dimension?.Key === 'LINKED_ACCOUNT' && matchesExactly ? (dimension.Values ?? []).filter((id) => !isUnresolved(id)) : [];
}

/** `definedValues` is undefined when the category's values are open-ended: then any value may be split. */
function splitChargeViolations(rule: SplitChargeRuleJson, percentages: readonly number[], definedValues: string[] | undefined): RuleViolation[] {
  // An empty source is the API's way to name uncategorized costs.
  const namedValues = rule.Source === '' ? rule.Targets : [rule.Source, ...rule.Targets];
  const undefinedValues = (definedValues === undefined ? [] : namedValues)
    .filter((value) => !isUnresolved(value) && !definedValues!.includes(value))
    .map((value) => ({
      value,
      rule: `a split charge rule splits and receives values that the cost category defines (${describeList(definedValues!)})`,
      fix: 'add a rule (or the default value) with this value, or correct the split charge rule',
    }));
  const targetViolations = violationsOf(
    rule.Targets.length === 0 ? { value: rule.Source, rule: 'a split charge rule has at least 1 target', fix: 'name the values that share the costs' } : undefined,
    checkCount(rule.Targets, SPLIT_CHARGE_MAX_TARGETS, 'targets per split charge rule', 'split the targets over fewer values'),
    rule.Targets.includes(rule.Source)
      ? { value: rule.Source, rule: 'a split charge rule does not split a value onto itself', fix: 'remove the source from the targets' }
      : undefined,
    ...duplicates(rule.Targets).map((target) => ({ value: target, rule: 'each split charge target is listed once', fix: 'remove the repeated target' })),
  );
  const percentageViolations = rule.Method === SplitChargeMethod.FIXED ? fixedPercentageViolations(rule.Source, percentages) : [];
  return [...undefinedValues, ...targetViolations, ...percentageViolations];
}

function fixedPercentageViolations(source: string, percentages: readonly number[]): RuleViolation[] {
  if (percentages.some(isUnresolved)) {
    // One share known only at deploy time: neither its sign nor the total can be checked.
    return [];
  }
  const notPositive = percentages.filter((percentage) => !(percentage > 0));
  if (notPositive.length > 0) {
    return [{ value: notPositive[0], rule: `FIXED split charge percentages (of "${source}") are positive`, fix: 'give each target a positive share' }];
  }
  const total = sumOfDecimals(percentages.map(String));
  if (total === undefined || total !== String(SPLIT_CHARGE_FIXED_TOTAL_PERCENT)) {
    return [{
      value: percentages,
      rule: `FIXED split charge percentages (of "${source}") add up to exactly ${SPLIT_CHARGE_FIXED_TOTAL_PERCENT} (these add up to ${total ?? 'a number that is not a plain decimal'})`,
      fix: 'adjust the shares so that they total 100, e.g. 33.34, 33.33, 33.33',
    }];
  }
  return [];
}

/**
 * The exact sum of plain decimal strings ("33.33", "60"), as a plain decimal string without
 * trailing zeros; undefined when one is not a plain decimal (e.g. "1e-7"). Exact, unlike adding
 * binary floating point numbers (33.33 + 33.33 + 33.34 is not 100 in floating point).
 */
export function sumOfDecimals(decimals: readonly string[]): string | undefined {
  const parsed = decimals.map((text) => /^(\d+)(?:\.(\d+))?$/.exec(text));
  if (parsed.some((match) => match === null)) {
    return undefined;
  }
  const scale = Math.max(0, ...parsed.map((match) => (match![2] ?? '').length));
  const total = parsed.reduce((sum, match) => sum + BigInt(match![1] + (match![2] ?? '').padEnd(scale, '0')), 0n);
  const digits = total.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** A source may not be the source or target of another rule; a target may not be another rule's source. */
function splitChargeGraphViolations(rules: readonly SplitChargeRuleJson[]): RuleViolation[] {
  return rules.flatMap((rule, index) => {
    const others = rules.filter((_, otherIndex) => otherIndex !== index);
    const sourceReused = others.some((other) => other.Source === rule.Source || other.Targets.includes(rule.Source));
    const targetsAsSources = rule.Targets.filter((target) => others.some((other) => other.Source === target));
    return violationsOf(
      sourceReused
        ? {
          value: rule.Source,
          rule: 'a split charge source is not the source or a target of another split charge rule',
          fix: 'split each value once, in one rule',
        }
        : undefined,
      ...targetsAsSources.map((target) => ({
        value: target,
        rule: 'a split charge target is not the source of another split charge rule',
        fix: `split "${target}" first into values that are not split themselves`,
      })),
    );
  });
}

function duplicates(items: readonly string[]): string[] {
  return [...new Set(items.filter((item, index) => items.indexOf(item) !== index))];
}
