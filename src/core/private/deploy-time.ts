import { Aws, CfnCondition, Fn, IResolvable, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** True when the array is a list token: how many values it holds is known only at deploy time. */
export function isListToken(values: readonly unknown[]): boolean {
  return values.length === 1 && typeof values[0] === 'string' && !Token.isUnresolved(values[0]) && Token.isUnresolved([values[0]]);
}

const slotConditions = new WeakMap<Stack, Map<string, ListTokenSlot[]>>();

/** One possible value of a list token: the value at its position, and the condition that it is there. */
export interface ListTokenSlot {
  readonly value: string;
  readonly present: CfnCondition;
}

/**
 * The first `slots` positions of a list whose length is known only at deploy time, each with the
 * condition that the list has a value there; the same list and count give the same conditions.
 *
 * The conditions read the list (a CommaDelimitedList parameter, or `Fn::Split` of one):
 * CloudFormation evaluates conditions from parameters and mappings only.
 */
export function listTokenSlotsOf(scope: IConstruct, listToken: string[], slots: number): ListTokenSlot[] {
  const stack = Stack.of(scope);
  const byList = slotConditions.get(stack) ?? new Map<string, ListTokenSlot[]>();
  slotConditions.set(stack, byList);
  const key = `${listToken[0]}#${slots}`;
  let listSlots = byList.get(key);
  if (!listSlots) {
    // The list joined, padded with empty values and split again: every slot then has a value to select.
    const padded = Fn.split(',', Fn.join('', [Fn.join(',', listToken), ','.repeat(slots)]));
    const index = byList.size + 1;
    listSlots = Array.from({ length: slots }, (_, slot) => {
      const value = Fn.select(slot, padded);
      const present = new CfnCondition(stack, `FinOpsListValue${index}Slot${slot + 1}Present`, {
        expression: Fn.conditionNot(Fn.conditionEquals(value, '')),
      });
      return { value, present };
    });
    byList.set(key, listSlots);
  }
  return listSlots;
}

/**
 * One entry per value of a list whose length is known only at deploy time, for properties that take
 * one object per value (subscribers). Slot i renders `render(value i)` when the list has an i-th value
 * and nothing (`AWS::NoValue`) otherwise. `slots` is one more than the documented maximum, so that a
 * list that is too long is refused by the service with its own error rather than silently cut.
 */
export function listTokenSlots(scope: IConstruct, listToken: string[], slots: number, render: (value: string) => object): IResolvable[] {
  return listTokenSlotsOf(scope, listToken, slots).map(({ value, present }) => Fn.conditionIf(present.logicalId, render(value), Aws.NO_VALUE));
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
