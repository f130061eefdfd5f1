import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import {
  CRON_ANY_DAY,
  SCHEDULE_AT_PATTERN,
  SCHEDULE_CRON_FIELDS,
  SCHEDULE_CRON_PATTERN,
  SCHEDULE_RATE_PATTERN,
} from '../../core/limits/optimization';
import { isUnresolved, RuleViolation } from '../../core/validation';

const FIX = 'use e.g. ScheduleExpression.cron({ minute: "0", hour: "6" }), ScheduleExpression.rate(Duration.days(1)) or "cron(0 6 * * ? *)"';

/**
 * What can be known of an EventBridge Scheduler expression at synth: its form (rate, cron or at),
 * a rate above 0, six cron fields with `?` in one of the two day fields. Field values are left to
 * the service; a token expression is not checked.
 */
export function scheduleViolation(schedule: scheduler.ScheduleExpression): RuleViolation | undefined {
  const expression = schedule.expressionString;
  if (isUnresolved(expression)) return undefined;
  const rate = SCHEDULE_RATE_PATTERN.exec(expression);
  if (rate) {
    return Number(rate[1]) > 0 ? undefined : { value: expression, rule: 'a rate expression\'s value is a positive integer', fix: 'use a rate of at least 1' };
  }
  const cron = SCHEDULE_CRON_PATTERN.exec(expression);
  if (cron) return cronViolation(expression, cron[1].trim().split(/\s+/));
  if (SCHEDULE_AT_PATTERN.test(expression)) return undefined;
  return {
    value: expression,
    rule: 'a schedule expression is rate(value unit) with unit minute(s), hour(s) or day(s), cron(six fields) or at(yyyy-mm-ddThh:mm:ss)',
    fix: FIX,
  };
}

function cronViolation(expression: string, fields: string[]): RuleViolation | undefined {
  if (fields.length !== SCHEDULE_CRON_FIELDS) {
    return {
      value: expression,
      rule: `a cron expression has six fields (minutes hours day-of-month month day-of-week year), this one has ${fields.length}`,
      fix: FIX,
    };
  }
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if (dayOfMonth !== CRON_ANY_DAY && dayOfWeek !== CRON_ANY_DAY) {
    return {
      value: expression,
      rule: 'a cron expression has "?" in its day-of-month or its day-of-week field (a value or * in one needs ? in the other)',
      fix: 'write e.g. cron(0 6 * * ? *) for every day or cron(0 7 ? * MON *) for Mondays',
    };
  }
  return undefined;
}
