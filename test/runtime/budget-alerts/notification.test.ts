import * as fs from 'fs';
import * as path from 'path';
import { parseAmount, parseBudgetNotification } from '../../../src/runtime/budget-alerts/notification';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf-8');

describe('parseBudgetNotification', () => {
  test('reads an ACTUAL cost notification, amounts as exact decimal strings', () => {
    expect(parseBudgetNotification(fixture('budget-notification.actual.txt'))).toEqual({
      accountId: '111111111111',
      budgetName: 'ec2-compute-monthly',
      budgetType: 'Cost',
      alertType: 'ACTUAL',
      budgetedAmount: '10000.00',
      observedAmount: '8312.47',
      alertThreshold: '> $8,000.00',
      unit: 'USD',
    });
  });

  test('reads a FORECASTED usage notification with its unit', () => {
    expect(parseBudgetNotification(fixture('budget-notification.forecasted-usage.txt'))).toMatchObject({
      budgetName: 'ec2-hours',
      alertType: 'FORECASTED',
      budgetedAmount: '1500.00',
      observedAmount: '1725.50',
      unit: 'Hrs',
    });
  });

  test('returns undefined for messages that are not budget notifications', () => {
    expect(parseBudgetNotification('You have chosen to subscribe to the topic')).toBeUndefined();
    expect(parseBudgetNotification('Budget Name: x\nAlert Type: ACTUAL\nBudgeted Amount: $10.00')).toBeUndefined();
  });
});

describe('parseAmount', () => {
  test.each([
    ['$10,000.00', { amount: '10000.00', unit: 'USD' }],
    ['$0.01', { amount: '0.01', unit: 'USD' }],
    ['1,500.5 Hrs', { amount: '1500.5', unit: 'Hrs' }],
    ['42 GB-Mo', { amount: '42', unit: 'GB-Mo' }],
  ])('%s', (text, expected) => {
    expect(parseAmount(text)).toEqual(expected);
  });

  test('rejects text that is not an amount', () => {
    expect(parseAmount('about ten dollars')).toBeUndefined();
    expect(parseAmount(undefined)).toBeUndefined();
  });

  test.each(['$,', '$1,2,3,4', '$1,23', '$12,345,67', '$,100', '$100,', '$1,000.', '$.5', '$.', '1..5 Hrs', '$1e5', '$Infinity'])(
    'rejects the malformed amount %s instead of guessing', (text) => {
      expect(parseAmount(text)).toBeUndefined();
    });

  test('accepts thousands separators between groups of three, and none at all', () => {
    expect(parseAmount('$1,234,567.89')).toEqual({ amount: '1234567.89', unit: 'USD' });
    expect(parseAmount('$1234567.89')).toEqual({ amount: '1234567.89', unit: 'USD' });
  });
});

describe('parseBudgetNotification with malformed amounts', () => {
  test.each(['$,', '$1,2,3,4'])('a notification whose observed amount is %s is not a budget notification', (amount) => {
    const message = fixture('budget-notification.actual.txt').replace('ACTUAL Amount: $8,312.47', `ACTUAL Amount: ${amount}`);
    expect(parseBudgetNotification(message)).toBeUndefined();
  });

  test('an alert type other than ACTUAL or FORECASTED is not a budget notification', () => {
    const message = fixture('budget-notification.actual.txt').replace('Alert Type: ACTUAL', 'Alert Type: BUDGETED');
    expect(parseBudgetNotification(message)).toBeUndefined();
  });
});
