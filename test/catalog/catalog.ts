import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * The synth-time check catalog: for each construct, configurations AWS documents as invalid (each
 * with the page that says so) that must fail at synth with a message naming the path, the value,
 * the rule and the fix, and valid boundary configurations, tokens of every kind included, that
 * must synthesize. One file per construct (`<construct>.catalog.test.ts`) calls `catalog(...)`.
 */

/** A configuration AWS refuses. */
export interface InvalidCase {
  readonly name: string;
  /** The AWS page that states the rule. */
  readonly source: string;
  readonly build: (stack: Stack) => void;
  /** The construct path the message starts with, e.g. "Stack/Category". */
  readonly path: string;
  /** Text of the value as the message shows it. */
  readonly value: string;
  /** The rule the message names. */
  readonly rule: RegExp;
}

/** A configuration AWS accepts. */
export interface ValidCase {
  readonly name: string;
  readonly build: (stack: Stack) => void;
}

/** A stack in us-east-1 of a known account, where every report and category can live. */
export function catalogStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

/** Values known only at deploy time, of every kind. */
export const deployTime = {
  string: (stack: Stack, id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString,
  number: (stack: Stack, id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber,
  list: (stack: Stack, id: string) => new CfnParameter(stack, id, { type: 'CommaDelimitedList' }).valueAsList,
  split: (stack: Stack, id: string) => Fn.split(',', new CfnParameter(stack, id, { type: 'String' }).valueAsString),
};

function messageOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return '(no error)';
}

/** Runs one construct's catalog. */
export function catalog(construct: string, cases: { invalid: readonly InvalidCase[]; valid: readonly ValidCase[] }): void {
  describe(`${construct}: invalid configurations fail at synth with path, value, rule and fix`, () => {
    test.each(cases.invalid.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
      expect(entry.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      const message = messageOf(() => {
        const stack = catalogStack();
        entry.build(stack);
        Template.fromStack(stack);
      });
      const line = message.split('\n').find((candidate) => entry.rule.test(candidate)) ?? message;
      expect(line.startsWith(`${entry.path}: `)).toBe(true);
      expect(line).toContain(entry.value);
      expect(line).toMatch(entry.rule);
      expect(line).toMatch(/ breaks the rule: .+\. Fix: .+\.$/);
      expect(message.length).toBeLessThan(2000);
    });
  });

  describe(`${construct}: valid configurations synthesize`, () => {
    test.each(cases.valid.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
      const stack = catalogStack();
      entry.build(stack);
      const template = JSON.stringify(Template.fromStack(stack).toJSON());
      // A number token printed as a number (-1.888e+289) is a token lost.
      expect(template).not.toMatch(/e\+\d{3}/);
    });
  });
}
