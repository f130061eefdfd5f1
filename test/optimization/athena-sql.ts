/** The Athena mode's query by linked account over the CUR 2.0 table `cost_reports.cur2_daily`, written out by hand. */
export const BY_ACCOUNT_SQL = [
  'SELECT billing_period AS period, coalesce(line_item_usage_account_id, \'\') AS group_key,',
  '  CAST(sum(CAST(line_item_unblended_cost AS DECIMAL(38, 10))) AS VARCHAR) AS amount,',
  '  max(line_item_usage_account_name) AS group_name',
  'FROM "cost_reports"."cur2_daily"',
  'WHERE billing_period BETWEEN ? AND ?',
  '  AND line_item_usage_start_date >= CAST(? AS TIMESTAMP) AND line_item_usage_start_date < CAST(? AS TIMESTAMP)',
  'GROUP BY 1, 2',
  'ORDER BY 1, 2',
].join('\n');

/** The Athena mode's query by linked account over the FOCUS table `cost_reports.focus_daily`, net amortized (EffectiveCost), written out by hand. */
export const FOCUS_BY_ACCOUNT_SQL = [
  'SELECT billing_period AS period, coalesce(subaccountid, \'\') AS group_key,',
  '  CAST(sum(CAST(effectivecost AS DECIMAL(38, 10))) AS VARCHAR) AS amount,',
  '  max(subaccountname) AS group_name',
  'FROM "cost_reports"."focus_daily"',
  'WHERE billing_period BETWEEN ? AND ?',
  '  AND chargeperiodstart >= CAST(? AS TIMESTAMP) AND chargeperiodstart < CAST(? AS TIMESTAMP)',
  'GROUP BY 1, 2',
  'ORDER BY 1, 2',
].join('\n');
