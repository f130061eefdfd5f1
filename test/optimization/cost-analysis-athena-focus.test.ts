import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FOCUS_BY_ACCOUNT_SQL } from './athena-sql';
import { CostDimension, CostFilter } from '../../src/core/cost-filter';
import { CurExport, CurReport } from '../../src/cur';
import {
  AthenaCostSourceOptions, CostAnalysisOptimizerProps, CostBreakdown, CostDataSource, CostGranularity, CostMetric, OptimizationPipeline, Optimizer,
  OptimizerKind,
} from '../../src/optimization';
import { DeployedTemplate } from '../support/deployed';
import { unknownColumns } from '../support/sql-columns';

type AnalysisProps = Omit<CostAnalysisOptimizerProps, 'source'>;

function focusPipeline(props: AnalysisProps = {}, exports = [CurExport.focus({ exportName: 'focus-daily' })], options: AthenaCostSourceOptions = {}) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const reports = new CurReport(stack, 'Reports', { exports, databaseName: 'cost_reports', workGroupName: 'cost-reports' });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.costAnalysis({ metric: CostMetric.NET_AMORTIZED_COST, ...props, source: CostDataSource.athena(reports, options) })],
  });
  return { stack, pipeline, template: Template.fromStack(stack) };
}

function settingsOf(stack: Stack, pipeline: OptimizationPipeline): any {
  return JSON.parse(DeployedTemplate.of(stack).functionEnvironment(pipeline.functionFor(OptimizerKind.COST_ANALYSIS)!).OPTIMIZER_SETTINGS);
}

/** The cost analysis's named queries (the report's own named queries say nothing of `group_key`). */
function analysisQueries(template: Template): Array<{ name: string; sql: string }> {
  return Object.values<any>(template.findResources('AWS::Athena::NamedQuery'))
    .filter((query) => query.Properties.QueryString.includes('AS group_key'))
    .map((query) => ({ name: query.Properties.Name, sql: query.Properties.QueryString }));
}

/** The columns and partition keys of the one Glue table the report defines. */
function tableOf(template: Template): { columns: string[]; partitions: string[] } {
  const table = Object.values<any>(template.findResources('AWS::Glue::Table'))[0].Properties.TableInput;
  return {
    columns: table.StorageDescriptor.Columns.map((column: any) => column.Name),
    partitions: table.PartitionKeys.map((column: any) => column.Name),
  };
}

describe('Optimizer.costAnalysis in Athena mode over a FOCUS 1.0 table', () => {
  test('saves one named query per breakdown, the SQL and parameters the function runs', () => {
    const { stack, pipeline, template } = focusPipeline({ breakdowns: [CostBreakdown.LINKED_ACCOUNT] });
    template.hasResourceProperties('AWS::Athena::NamedQuery', {
      Name: 'focus_daily cost-analysis-by-linked-account',
      Database: 'cost_reports',
      WorkGroup: 'cost-reports',
      QueryString: FOCUS_BY_ACCOUNT_SQL,
    });
    const settings = settingsOf(stack, pipeline);
    expect(settings.metric).toBe('NetAmortizedCost');
    expect(JSON.parse(settings.athenaQueries)).toEqual([{
      groupBy: { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      namedQueryId: expect.stringMatching(/^PipelineAthenaQuerycostanalysisbylinkedaccount\w*\.NamedQueryId$/),
      parameters: ['FIRST_BILLING_PERIOD', 'LAST_BILLING_PERIOD', 'FIRST_DAY', 'DAY_AFTER_LAST'],
    }]);
  });

  test('net unblended costs sum BilledCost; DAILY groups by the charge period\'s day', () => {
    const { template } = focusPipeline({ metric: CostMetric.NET_UNBLENDED_COST, granularity: CostGranularity.DAILY });
    expect(analysisQueries(template).map((query) => query.sql)).toEqual([[
      "SELECT date_format(chargeperiodstart, '%Y-%m-%d') AS period, coalesce(x_servicecode, '') AS group_key,",
      '  CAST(sum(CAST(billedcost AS DECIMAL(38, 10))) AS VARCHAR) AS amount',
      'FROM "cost_reports"."focus_daily"',
      'WHERE billing_period BETWEEN ? AND ?',
      '  AND chargeperiodstart >= CAST(? AS TIMESTAMP) AND chargeperiodstart < CAST(? AS TIMESTAMP)',
      'GROUP BY 1, 2',
      'ORDER BY 1, 2',
    ].join('\n')]);
  });

  test('every query reads only columns of the FOCUS table the CurReport defines, and prunes by its partition column', () => {
    const { template } = focusPipeline({
      breakdowns: [
        CostBreakdown.SERVICE, CostBreakdown.LINKED_ACCOUNT, CostBreakdown.REGION, CostBreakdown.USAGE_TYPE,
        CostBreakdown.tag('team'), CostBreakdown.costCategory('business_unit'),
      ],
      filter: CostFilter.allOf(
        CostFilter.linkedAccounts(['111122223333']),
        CostFilter.negate(CostFilter.regions(['us-east-1'])),
        CostFilter.anyOf(CostFilter.services(['AmazonEC2']), CostFilter.tagAbsent('owner'), CostFilter.costCategory('unit', ['retail'])),
      ),
    });
    const { columns, partitions } = tableOf(template);
    expect(columns).toEqual(expect.arrayContaining(['billedcost', 'effectivecost', 'subaccountid', 'x_servicecode', 'tags', 'x_costcategories']));
    expect(partitions).toEqual(['billing_period']);
    const queries = analysisQueries(template);
    expect(queries.map((query) => query.name)).toEqual([
      'focus_daily cost-analysis-by-service', 'focus_daily cost-analysis-by-linked-account', 'focus_daily cost-analysis-by-region',
      'focus_daily cost-analysis-by-usage-type', 'focus_daily cost-analysis-by-tag-team', 'focus_daily cost-analysis-by-cost-category-business-unit',
    ]);
    for (const { sql } of queries) {
      expect(unknownColumns(sql, [...columns, ...partitions])).toEqual([]);
      expect(sql).toContain('WHERE billing_period BETWEEN ? AND ?');
      expect(sql).toContain('(subaccountid IN (?)) AND NOT (regionid IN (?)) AND ((x_servicecode IN (?)) OR (element_at(tags, ?) IS NULL)'
        + ' OR (element_at(x_costcategories, ?) IN (?)))');
      expect(sql).not.toMatch(/111122223333|AmazonEC2|owner|retail|team|business_unit/);
    }
    expect(queries[3].sql).toContain("coalesce(x_usagetype, '') AS group_key");
    expect(queries[4].sql).toContain('CROSS JOIN UNNEST(tags) AS entry(entry_key, entry_value)');
    expect(queries[5].sql).toContain('CROSS JOIN UNNEST(x_costcategories) AS entry(entry_key, entry_value)');
    // The check itself sees a column the table lacks.
    expect(unknownColumns(queries[0].sql.replace('x_servicecode', 'servicecode'), [...columns, ...partitions])).toEqual(['servicecode']);
  });

  test('a tag is read under the key the user wrote (FOCUS leaves user-defined tag keys as they are), passed as a parameter', () => {
    const { stack, pipeline } = focusPipeline({ breakdowns: [CostBreakdown.tag('CostCenter')] });
    const settings = settingsOf(stack, pipeline);
    expect(JSON.parse(settings.athenaQueries)[0].parameters.at(-1)).toEqual({ value: 'CostCenter' });
  });

  test('a report with a CUR 2.0 and a FOCUS table queries the CUR 2.0 one unless tableName names the FOCUS one', () => {
    const both = [CurExport.cur2({ exportName: 'cur2-daily' }), CurExport.focus({ exportName: 'focus-daily' })];
    expect(analysisQueries(focusPipeline({ metric: CostMetric.UNBLENDED_COST }, both).template)[0].sql).toContain('"cost_reports"."cur2_daily"');
    expect(analysisQueries(focusPipeline({}, both, { tableName: 'focus_daily' }).template)[0].sql).toContain('"cost_reports"."focus_daily"');
    expect(() => focusPipeline({}, both, { tableName: 'focus' })).toThrow(
      /"focus" breaks the rule: the Athena mode queries a CUR 2.0 or FOCUS table of the CurReport \(it has "cur2_daily", "focus_daily"\)/);
  });

  test.each([CostMetric.UNBLENDED_COST, CostMetric.BLENDED_COST, CostMetric.AMORTIZED_COST, CostMetric.USAGE_QUANTITY])(
    'refuses %s at synth: no FOCUS column is that metric by the definitions',
    (metric) => {
      expect(() => focusPipeline({ metric })).toThrow(
        `Stack/Pipeline: "${metric}" breaks the rule: over a FOCUS table the Athena mode sums NetUnblendedCost (BilledCost) or NetAmortizedCost (EffectiveCost): `
        + 'for the other metrics no FOCUS column is the same by the AWS definitions (Cost Explorer\'s advanced options, the FOCUS 1.0 columns). '
        + 'Fix: pick NET_UNBLENDED_COST or NET_AMORTIZED_COST, or query a CUR 2.0 table (CurExport.cur2) or Cost Explorer for this metric.',
      );
    },
  );

  test.each<[string, AnalysisProps, RegExp]>([
    ['an instance type breakdown (FOCUS 1.0 has no instance type column)', { breakdowns: [CostBreakdown.INSTANCE_TYPE] },
      /"DIMENSION INSTANCE_TYPE" breaks the rule: the Athena mode breaks costs down by the dimensions "SERVICE", "LINKED_ACCOUNT", "REGION", "USAGE_TYPE", a tag or a cost category over a FOCUS table\. Fix:/],
    ['a filter on instance types', { filter: CostFilter.dimension(CostDimension.INSTANCE_TYPE, ['m7g.large']) },
      /"filter on INSTANCE_TYPE" breaks the rule: the Athena mode filters on the dimensions it has a FOCUS column for \(SERVICE, LINKED_ACCOUNT, REGION, USAGE_TYPE\)/],
    ['a service filter by Cost Explorer name', { filter: CostFilter.services(['Amazon Simple Storage Service']) },
      /\["Amazon Simple Storage Service"\] breaks the rule: the Athena mode matches SERVICE against the FOCUS product code \(x_servicecode, e\.g\. "AmazonEC2"\)/],
    ['a cost category name the export may rewrite', { breakdowns: [CostBreakdown.costCategory('Business Unit')] },
      /"Business Unit" breaks the rule: the Athena mode reads a cost category whose name is lower-case letters, digits and "_" \(the FOCUS map keys/],
  ])('refuses %s at synth', (_case, props, message) => {
    expect(() => focusPipeline(props)).toThrow(message);
  });

  test('refuses a FOCUS export without the columns the queries read', () => {
    expect(() => focusPipeline({ breakdowns: [CostBreakdown.REGION] }, [CurExport.focus({
      exportName: 'focus-slim', columns: ['BilledCost', 'EffectiveCost', 'ChargePeriodStart', 'SubAccountId'],
    })])).toThrow(/\["regionid"\] breaks the rule: the queries read columns the table focus_slim lacks/);
  });

  test('the function may run the queries in the report\'s workgroup', () => {
    const { template } = focusPipeline();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['athena:StartQueryExecution', 'athena:GetNamedQuery']),
          Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':workgroup/cost-reports$')])] },
        })]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^PipelineCostAnalysisRole') }],
    });
  });
});
