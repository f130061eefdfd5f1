import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BY_ACCOUNT_SQL } from './athena-sql';
import { CostDimension, CostFilter, MatchOption } from '../../src/core/cost-filter';
import { CurExport, CurReport } from '../../src/cur';
import {
  CostAnalysisOptimizerProps, CostBreakdown, CostDataSource, CostGranularity, CostMetric, OptimizationPipeline, Optimizer, OptimizerKind,
} from '../../src/optimization';
import { DeployedTemplate } from '../support/deployed';
import { awsSolutionsFindings } from '../support/nag';
import { unknownColumns } from '../support/sql-columns';

const ACCOUNT = '111122223333';

function athenaApp(props: Omit<CostAnalysisOptimizerProps, 'source'> = {}, exports = [CurExport.cur2({ exportName: 'cur2-daily' })]) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
  const reports = new CurReport(stack, 'Reports', { exports, databaseName: 'cost_reports', workGroupName: 'cost-reports' });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.costAnalysis({ ...props, source: CostDataSource.athena(reports) })],
  });
  return { app, stack, pipeline };
}

function settingsOf(stack: Stack, pipeline: OptimizationPipeline) {
  return JSON.parse(DeployedTemplate.of(stack).functionEnvironment(pipeline.functionFor(OptimizerKind.COST_ANALYSIS)!).OPTIMIZER_SETTINGS);
}

/** The function's `athenaQueries` setting, each query with the SQL of the named query its ID names in the deployed template. */
function athenaQueriesOf(stack: Stack, pipeline: OptimizationPipeline): any[] {
  const deployed = DeployedTemplate.of(stack);
  const sqlById = new Map(deployed.logicalIdsOfType('AWS::Athena::NamedQuery').map((logicalId) => [
    deployed.resolve({ 'Fn::GetAtt': [logicalId, 'NamedQueryId'] }), deployed.resource(logicalId).Properties!.QueryString,
  ]));
  return JSON.parse(settingsOf(stack, pipeline).athenaQueries).map((query: any) => ({ ...query, sql: sqlById.get(query.namedQueryId) }));
}

function athenaPipeline(props: Omit<CostAnalysisOptimizerProps, 'source'> = {}, exports = [CurExport.cur2({ exportName: 'cur2-daily' })]) {
  const { stack, pipeline } = athenaApp(props, exports);
  return { stack, pipeline, template: Template.fromStack(stack) };
}

describe('Optimizer.costAnalysis in Athena mode', () => {
  test('one named query per breakdown in the report\'s workgroup, the same SQL the function runs, and no Cost Explorer request', () => {
    const { stack, pipeline, template } = athenaPipeline({ breakdowns: [CostBreakdown.LINKED_ACCOUNT, CostBreakdown.SERVICE] });
    template.hasResourceProperties('AWS::Athena::NamedQuery', {
      Name: 'cur2_daily cost-analysis-by-linked-account',
      Database: 'cost_reports',
      WorkGroup: 'cost-reports',
      QueryString: BY_ACCOUNT_SQL,
    });
    template.hasResourceProperties('AWS::Athena::NamedQuery', {
      Name: 'cur2_daily cost-analysis-by-service',
      QueryString: BY_ACCOUNT_SQL.replace('line_item_usage_account_id', 'line_item_product_code')
        .replace('AS amount,\n  max(line_item_usage_account_name) AS group_name', 'AS amount'),
    });
    const environment = DeployedTemplate.of(stack).functionEnvironment(pipeline.functionFor(OptimizerKind.COST_ANALYSIS)!);
    const settings = JSON.parse(environment.OPTIMIZER_SETTINGS);
    expect(settings.athenaWorkGroup).toBe('cost-reports');
    expect(settings.athenaDatabase).toBe('cost_reports');
    expect(athenaQueriesOf(stack, pipeline)[0]).toEqual({
      groupBy: { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      namedQueryId: expect.stringMatching(/^PipelineAthenaQuerycostanalysisbylinkedaccount\w*\.NamedQueryId$/),
      sql: BY_ACCOUNT_SQL,
      parameters: ['FIRST_BILLING_PERIOD', 'LAST_BILLING_PERIOD', 'FIRST_DAY', 'DAY_AFTER_LAST'],
    });
    expect(Buffer.byteLength(Object.entries(environment).map(([key, value]) => key + value).join(''))).toBeLessThan(4096);
  });

  test('DAILY groups by the usage day', () => {
    const { template } = athenaPipeline({ granularity: CostGranularity.DAILY, metric: CostMetric.NET_UNBLENDED_COST });
    template.hasResourceProperties('AWS::Athena::NamedQuery', {
      QueryString: Match.stringLikeRegexp(
        "^SELECT date_format\\(line_item_usage_start_date, '%Y-%m-%d'\\) AS period, coalesce\\(line_item_product_code, ''\\) AS group_key,\n"
        + '  CAST\\(sum\\(CAST\\(line_item_net_unblended_cost AS DECIMAL'),
    });
  });

  test('every query reads only columns of the table the CurReport defines, and prunes by its partition column', () => {
    const { template } = athenaPipeline({
      breakdowns: [CostBreakdown.SERVICE, CostBreakdown.LINKED_ACCOUNT, CostBreakdown.REGION, CostBreakdown.USAGE_TYPE, CostBreakdown.INSTANCE_TYPE],
    });
    const table = Object.values<any>(template.findResources('AWS::Glue::Table'))[0].Properties.TableInput;
    const columns = table.StorageDescriptor.Columns.map((column: any) => column.Name);
    const partitions = table.PartitionKeys.map((column: any) => column.Name);
    const queries = Object.values<any>(template.findResources('AWS::Athena::NamedQuery'))
      .map((query) => query.Properties.QueryString as string)
      .filter((sql) => sql.includes('AS group_key'));
    expect(queries).toHaveLength(5);
    for (const sql of queries) {
      expect(unknownColumns(sql, [...columns, ...partitions])).toEqual([]);
      expect(sql).toContain(`WHERE ${partitions[0]} BETWEEN ? AND ?`);
    }
    expect(unknownColumns(queries[0].replace('line_item_product_code', 'product_service_name'), [...columns, ...partitions])).toEqual(['product_service_name']);
  });

  test('the function may run the queries in the workgroup, read the catalog and the data, write query results, and call no Cost Explorer API', () => {
    const { template } = athenaPipeline();
    const statements = Object.values<any>(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes('CostAnalysisRole'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining([
      'athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults',
      'glue:GetTable', 'glue:GetDatabase', 'glue:GetPartitions', 's3:GetObject', 's3:PutObject',
    ]));
    expect(actions.filter((action: string) => action.startsWith('ce:'))).toEqual([]);
    const athenaStatement = statements.find((statement) => [statement.Action].flat().includes('athena:StartQueryExecution'));
    expect(JSON.stringify(athenaStatement.Resource)).toContain(':workgroup/cost-reports');
  });

  test.each<[string, Omit<CostAnalysisOptimizerProps, 'source'>, RegExp]>([
    ['a dimension without a column', { breakdowns: [CostBreakdown.dimension(CostDimension.OPERATION)] }, /^Stack\/Pipeline: "DIMENSION OPERATION" breaks the rule: the Athena mode breaks costs down by the dimensions "SERVICE", "LINKED_ACCOUNT", "REGION", "USAGE_TYPE", "INSTANCE_TYPE", a tag or a cost category over a CUR 2.0 table. Fix: break down by one of these, or use the Cost Explorer mode for other dimensions.$/],
    ['net amortized costs', { metric: CostMetric.NET_AMORTIZED_COST }, /"NetAmortizedCost" breaks the rule: the Athena mode sums "UnblendedCost", "BlendedCost", "NetUnblendedCost", "UsageQuantity", "AmortizedCost" over a CUR 2.0 table. Fix: pick one of these metrics, query a FOCUS table/],
    ['a filter on a dimension without a column', { filter: CostFilter.dimension(CostDimension.RECORD_TYPE, ['Usage']) }, /"filter on RECORD_TYPE" breaks the rule: the Athena mode filters on the dimensions it has a CUR 2.0 column for/],
    ['a filter that does not match exactly', { filter: CostFilter.tag('team', ['web'], [MatchOption.STARTS_WITH]) }, /"team \[\\"STARTS_WITH\\"\]" breaks the rule: the Athena mode filters on values that equal one of the given values/],
    ['a service filter by Cost Explorer name', { filter: CostFilter.services(['Amazon Simple Storage Service']) }, /\["Amazon Simple Storage Service"\] breaks the rule: the Athena mode matches SERVICE against the CUR 2.0 product code/],
    ['a tag key the export rewrites', { breakdowns: [CostBreakdown.tag('CostCenter')] }, /"CostCenter" breaks the rule: the Athena mode reads a tag whose name is lower-case letters, digits and "_"/],
    ['a cost category name the export rewrites', { breakdowns: [CostBreakdown.costCategory('Business Unit')] }, /"Business Unit" breaks the rule: the Athena mode reads a cost category whose name/],
  ])('refuses %s at synth', (_case, props, message) => {
    expect(() => athenaPipeline(props)).toThrow(message);
  });

  test('a tag breakdown passes the key as a parameter, reads only the table\'s columns, and names its parameters in the named query', () => {
    const { stack, pipeline, template } = athenaPipeline({ breakdowns: [CostBreakdown.tag('team'), CostBreakdown.costCategory('business_unit')] });
    const table = Object.values<any>(template.findResources('AWS::Glue::Table'))[0].Properties.TableInput;
    const available = [...table.StorageDescriptor.Columns, ...table.PartitionKeys].map((column: any) => column.Name);
    const [byTeam, byUnit] = athenaQueriesOf(stack, pipeline);
    expect(byTeam.groupBy).toEqual({ Type: 'TAG', Key: 'team' });
    expect(byTeam.sql).not.toContain('team');
    expect(byTeam.sql).toContain('CROSS JOIN UNNEST(resource_tags) AS entry(entry_key, entry_value)');
    expect(byUnit.sql).toContain('CROSS JOIN UNNEST(cost_category) AS entry(entry_key, entry_value)');
    expect(byTeam.parameters).toEqual([
      'FIRST_BILLING_PERIOD', 'LAST_BILLING_PERIOD', 'FIRST_DAY', 'DAY_AFTER_LAST',
      'FIRST_BILLING_PERIOD', 'LAST_BILLING_PERIOD', 'FIRST_DAY', 'DAY_AFTER_LAST',
      { value: 'user_team' },
    ]);
    expect(byUnit.parameters.at(-1)).toEqual({ value: 'business_unit' });
    for (const query of [byTeam, byUnit]) {
      expect(query.sql.match(/\?/g)).toHaveLength(query.parameters.length);
      expect(unknownColumns(query.sql, available)).toEqual([]);
    }
    template.hasResourceProperties('AWS::Athena::NamedQuery', {
      Name: 'cur2_daily cost-analysis-by-tag-team',
      QueryString: byTeam.sql,
      Description: Match.stringLikeRegexp("parameters: first billing period \\('YYYY-MM'\\), .*day after the last \\('YYYY-MM-DD'\\), 'user_team'$"),
    });
  });

  test('a tag breakdown needs the export\'s resource_tags column', () => {
    expect(() => athenaPipeline({ breakdowns: [CostBreakdown.tag('team')] }, [CurExport.cur2({
      exportName: 'cur2', columns: ['line_item_usage_account_id', 'line_item_unblended_cost', 'line_item_usage_start_date'],
    })])).toThrow(/\["resource_tags"\] breaks the rule: the queries read columns the table cur2 lacks/);
  });

  test('amortized costs sum the CUR Query Library\'s expression, over columns the table has', () => {
    const { template } = athenaPipeline({
      metric: CostMetric.AMORTIZED_COST, breakdowns: [CostBreakdown.SERVICE, CostBreakdown.tag('team')],
    });
    const table = Object.values<any>(template.findResources('AWS::Glue::Table'))[0].Properties.TableInput;
    const available = [...table.StorageDescriptor.Columns, ...table.PartitionKeys].map((column: any) => column.Name);
    const queries = Object.values<any>(template.findResources('AWS::Athena::NamedQuery')).map((query) => query.Properties.QueryString as string)
      .filter((sql) => sql.includes('AS group_key'));
    expect(queries).toHaveLength(2);
    for (const sql of queries) {
      expect(sql).toContain("WHEN line_item_line_item_type = 'SavingsPlanRecurringFee' THEN coalesce(CAST(savings_plan_total_commitment_to_date");
      expect(sql).toContain("WHEN line_item_line_item_type = 'RIFee' THEN coalesce(CAST(reservation_unused_amortized_upfront_fee_for_billing_period");
      expect(unknownColumns(sql, available)).toEqual([]);
    }
  });

  test('a filter on accounts, regions, services and tags is a WHERE condition of parameters', () => {
    const { stack, pipeline } = athenaPipeline({
      breakdowns: [CostBreakdown.SERVICE, CostBreakdown.tag('team')],
      filter: CostFilter.allOf(
        CostFilter.linkedAccounts(['111122223333', '444455556666']),
        CostFilter.negate(CostFilter.regions(['us-east-1'])),
        CostFilter.anyOf(CostFilter.services(['AmazonEC2']), CostFilter.tagAbsent('owner'), CostFilter.costCategory('unit', ["o'brien"])),
      ),
    });
    const [byService, byTeam] = athenaQueriesOf(stack, pipeline);
    const condition = '((line_item_usage_account_id IN (?, ?)) AND NOT (product_region_code IN (?)) AND ((line_item_product_code IN (?))'
      + ' OR (element_at(resource_tags, ?) IS NULL) OR (element_at(cost_category, ?) IN (?))))';
    expect(byService.sql).toContain(`  AND ${condition}\nGROUP BY 1, 2`);
    const filterValues = ['111122223333', '444455556666', 'us-east-1', 'AmazonEC2', 'user_owner', 'unit', "o'brien"].map((value) => ({ value }));
    expect(byService.parameters).toEqual(['FIRST_BILLING_PERIOD', 'LAST_BILLING_PERIOD', 'FIRST_DAY', 'DAY_AFTER_LAST', ...filterValues]);
    expect(byTeam.sql.split(condition)).toHaveLength(3);
    expect(byTeam.sql.match(/\?/g)).toHaveLength(byTeam.parameters.length);
    expect(byService.sql).not.toContain('brien');
  });

  test('names its queries by ID, read with athena:GetNamedQuery on the workgroup, so many tag breakdowns fit Lambda\'s 4 KB of environment', () => {
    const { stack, pipeline, template } = athenaPipeline({
      metric: CostMetric.AMORTIZED_COST,
      breakdowns: [
        CostBreakdown.LINKED_ACCOUNT, CostBreakdown.SERVICE, CostBreakdown.tag('team'), CostBreakdown.tag('cost_center'),
        CostBreakdown.tag('environment'), CostBreakdown.costCategory('business_unit'),
      ],
      filter: CostFilter.allOf(CostFilter.linkedAccounts(['111122223333', '444455556666']), CostFilter.tag('environment', ['prod'])),
    });
    const environment = DeployedTemplate.of(stack).functionEnvironment(pipeline.functionFor(OptimizerKind.COST_ANALYSIS)!);
    expect(Buffer.byteLength(Object.entries(environment).map(([name, value]) => name + value).join(''))).toBeLessThan(4096);
    expect(environment.OPTIMIZER_SETTINGS).not.toContain('SELECT');
    expect(athenaQueriesOf(stack, pipeline).map((query) => query.sql)).toEqual(
      Object.values<any>(template.findResources('AWS::Athena::NamedQuery')).map((query) => query.Properties.QueryString).filter((sql) => sql.includes('AS group_key')),
    );
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['athena:GetNamedQuery']),
          Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':workgroup/cost-reports$')])] },
        })]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^PipelineCostAnalysisRole') }],
    });
  });

  test('refuses at synth settings Lambda would refuse at deploy for their size', () => {
    const accounts = Array.from({ length: 300 }, (_, index) => String(100000000000 + index));
    expect(() => athenaPipeline({ breakdowns: [CostBreakdown.tag('team')], filter: CostFilter.linkedAccounts(accounts) }))
      .toThrow(/^Stack\/Pipeline: "CostAnalysis environment of at least \d+ bytes \(largest: OPTIMIZER_SETTINGS\)" breaks the rule: a Lambda function's environment variables are at most 4096 bytes in aggregate\. Fix: /);
  });

  test('cdk-nag AwsSolutions stays clean', () => {
    expect(awsSolutionsFindings(athenaApp().app)).toBe('');
  });

  test('reads more history than Cost Explorer keeps, within a bound', () => {
    expect(() => athenaPipeline({ lookbackMonths: 36 })).not.toThrow();
    expect(() => athenaPipeline({ lookbackMonths: 121 })).toThrow(/121 breaks the rule: lookbackMonths in Athena mode \(1-120\)/);
  });

  test('refuses a report without a CUR 2.0 or FOCUS table, and a column the export leaves out', () => {
    expect(() => athenaPipeline({}, [CurExport.costOptimizationRecommendations({ exportName: 'recommendations' })]))
      .toThrow(/the Athena mode queries a CUR 2.0 or FOCUS table, and the CurReport has none. Fix: add CurExport.cur2\(...\) or CurExport.focus\(...\)/);
    expect(() => athenaPipeline({ breakdowns: [CostBreakdown.REGION] }, [CurExport.cur2({
      exportName: 'cur2', columns: ['line_item_usage_account_id', 'line_item_unblended_cost', 'line_item_usage_start_date'],
    })])).toThrow(/product_region_code.* breaks the rule: the queries read columns the table cur2 lacks/);
  });
});
