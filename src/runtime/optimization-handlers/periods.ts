/** Date arithmetic on UTC calendar days, `YYYY-MM-DD`, for Cost Explorer's periods (start inclusive, end exclusive). */

/** The first day of the month `monthsFromNow` months from the moment's month (negative: in the past). */
export function firstDayOfMonth(moment: Date, monthsFromNow: number): string {
  return new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth() + monthsFromNow, 1)).toISOString().slice(0, 10);
}

/** The UTC day of the moment. */
export function dayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** The day `days` days before the moment's day. */
export function daysBefore(moment: Date, days: number): string {
  return new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate() - days)).toISOString().slice(0, 10);
}

/**
 * The cost history to analyse: whole months back from `lookbackMonths` months ago, through
 * yesterday (Cost Explorer's end is exclusive, and today has no complete data yet).
 */
export function analysisPeriod(now: Date, lookbackMonths: number): { start: string; end: string } {
  return { start: firstDayOfMonth(now, -lookbackMonths), end: dayOf(now) };
}

/** The forecast span: today through the end of the month `forecastMonths - 1` months ahead. */
export function forecastPeriod(now: Date, forecastMonths: number): { start: string; end: string } {
  return { start: dayOf(now), end: firstDayOfMonth(now, forecastMonths) };
}
