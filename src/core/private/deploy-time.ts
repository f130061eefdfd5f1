import { Aws, CfnCondition, Fn, IResolvable, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * True for a value known only at deploy time, including one element of a list token
 * (`CfnParameter.valueAsList`, `Fn.split` without a length, `Token.asList`): `Token.isUnresolved`
 * recognizes such an element only inside its one-element array.
 */
export function isDeployTimeValue(value: unknown): boolean {
  return Token.isUnresolved(value) || (typeof value === 'string' && Token.isUnresolved([value]));
}

/** True when the array is a list token: how many values it holds is known only at deploy time. */
export function isListToken(values: readonly unknown[]): boolean {
  return values.length === 1 && typeof values[0] === 'string' && !Token.isUnresolved(values[0]) && Token.isUnresolved([values[0]]);
}

const slotConditions = new WeakMap<Stack, Map<string, CfnCondition[]>>();

/**
 * One entry per value of a list whose length is known only at deploy time, for properties that take
 * one object per value (subscribers). Slot i renders `render(value i)` when the list has an i-th value
 * and nothing (`AWS::NoValue`) otherwise. `slots` is one more than the documented maximum, so that a
 * list that is too long is refused by the service with its own error rather than silently cut.
 *
 * The slots' conditions read the list (a CommaDelimitedList parameter, or `Fn::Split` of one):
 * CloudFormation evaluates conditions from parameters and mappings only.
 */
export function listTokenSlots(scope: IConstruct, listToken: string[], slots: number, render: (value: string) => object): IResolvable[] {
  const stack = Stack.of(scope);
  const byList = slotConditions.get(stack) ?? new Map<string, CfnCondition[]>();
  slotConditions.set(stack, byList);
  const key = `${listToken[0]}#${slots}`;
  // The list joined, padded with empty values and split again: every slot then has a value to select.
  const padded = Fn.split(',', Fn.join('', [Fn.join(',', listToken), ','.repeat(slots)]));
  let conditions = byList.get(key);
  if (!conditions) {
    const index = byList.size + 1;
    conditions = Array.from({ length: slots }, (_, slot) => new CfnCondition(stack, `FinOpsListValue${index}Slot${slot + 1}Present`, {
      expression: Fn.conditionNot(Fn.conditionEquals(Fn.select(slot, padded), '')),
    }));
    byList.set(key, conditions);
  }
  return conditions.map((condition, slot) => Fn.conditionIf(condition.logicalId, render(Fn.select(slot, padded)), Aws.NO_VALUE));
}

/**
 * One subscriber per email address: `literal` for addresses known at synth (or string tokens), and for
 * a list token one conditional slot per possible address, up to one past `max` (see {@link listTokenSlots}).
 * `deployTime` renders a slot as CloudFormation reads it (PascalCase keys), since the L1 does not rename inside a token.
 */
export function emailSubscribers<T>(
  scope: IConstruct,
  emails: string[],
  max: number,
  literal: (address: string) => T,
  deployTime: (address: string) => object,
): Array<T | IResolvable> {
  return isListToken(emails) ? listTokenSlots(scope, emails, max + 1, deployTime) : emails.map(literal);
}
