import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag';
import { Parser } from 'node-sql-parser';
import { CurExport, CurReport, CurReportProps, SchemaElement } from '../../src';
import { unknownColumns } from '../support/sql-columns';

const ACCOUNT = '111111111111';

function synth(props: CurReportProps): { stack: Stack; template: Template } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
  new CurReport(stack, 'Reports', { databaseName: 'cost_reports', ...props });
  Aspects.of(app).add(new WriteNagSuppressionsToCloudFormationAspect());
  app.synth();
  return { stack, template: Template.fromStack(stack) };
}

const parser = new Parser();

/** Every named query of the template with the unknown columns it reads from the Glue table named in its FROM. */
function namedQueriesAgainstTables(template: Template): Array<{ name: string; table: string; unknown: string[] }> {
  const tables = new Map(
    Object.values<any>(template.findResources('AWS::Glue::Table')).map((table) => [
      `${table.Properties.DatabaseName}.${table.Properties.TableInput.Name}`,
      [...table.Properties.TableInput.StorageDescriptor.Columns, ...table.Properties.TableInput.PartitionKeys]
        .map((column: any) => column.Name as string),
    ]),
  );
  return Object.values<any>(template.findResources('AWS::Athena::NamedQuery')).map((query) => {
    const sql: string = query.Properties.QueryString;
    const tableNames = parser.tableList(sql, { database: 'athena' }).map((entry) => entry.split('::').slice(1).join('.')).filter((name) => tables.has(name));
    expect(tableNames.length).toBeGreaterThan(0);
    return { name: query.Properties.Name, table: tableNames[0], unknown: unknownColumns(sql, tables.get(tableNames[0])!) };
  });
}

const CONFIGURATIONS: Array<[string, CurExport[]]> = [
  ['default columns of every kind', [
    CurExport.legacy({ reportName: 'legacy', schemaElements: [SchemaElement.RESOURCES], costCategoryNames: ['CostCenter', 'team-A'] }),
    CurExport.cur2({ exportName: 'cur2', includeResources: true, includeSplitCostAllocationData: true }),
    CurExport.focus({ exportName: 'focus' }),
    CurExport.costOptimizationRecommendations({ exportName: 'recommendations' }),
  ]],
  ['columns chosen by the user', [
    CurExport.cur2({ exportName: 'cur2', columns: ['line_item_usage_account_id', 'line_item_unblended_cost', 'bill_billing_period_start_date'] }),
    CurExport.focus({ exportName: 'focus', columns: ['ServiceName', 'BilledCost'] }),
    CurExport.costOptimizationRecommendations({ exportName: 'recommendations', columns: ['account_id', 'action_type', 'current_resource_type', 'estimated_monthly_savings_after_discount'] }),
  ]],
];

describe('CurReport: every named query reads columns its table has', () => {
  test.each(CONFIGURATIONS)('%s', (_configuration, exports) => {
    const { template } = synth({ exports });
    const queries = namedQueriesAgainstTables(template);
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.filter((query) => query.unknown.length > 0)).toEqual([]);
  });

  test('the check finds a column the table lacks', () => {
    expect(unknownColumns('SELECT line_item_product_code AS service, sum(cost_x) AS cost FROM "db"."t" GROUP BY 1', ['line_item_product_code'])).toEqual(['cost_x']);
    expect(unknownColumns('SELECT a FROM "db"."t" WHERE "date" = \'x\'', ['a'])).toEqual(['date']);
  });

  test('queries whose columns the user did not select are left out, and the synth says which and why', () => {
    const { stack, template } = synth({ exports: [CurExport.cur2({ exportName: 'cur2', columns: ['line_item_usage_account_id', 'line_item_unblended_cost'] })] });
    const names = Object.values<any>(template.findResources('AWS::Athena::NamedQuery')).map((query) => query.Properties.Name);
    expect(names).toEqual(['cur2 cost-by-account']);
    Annotations.fromStack(stack).hasInfo('/Stack/Reports', Match.stringLikeRegexp(
      '^cur2: no named queries cost-by-service, cost-by-cost-category, month-over-month, because the export\'s columns leave out line_item_product_code, cost_category, bill_billing_period_start_date$',
    ));
  });
});

describe('CurReport: table layouts', () => {
  test('Cost Optimization Recommendations are read from date=YYYY-MM-DD folders, the latest refresh only', () => {
    const { template } = synth({ exports: [CurExport.costOptimizationRecommendations({ exportName: 'recommendations' })], firstBillingPeriod: '2025-06' });
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'recommendations',
        PartitionKeys: [{ Name: 'date', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.date.type': 'date',
          'projection.date.format': 'yyyy-MM-dd',
          'projection.date.range': '2025-06-01,NOW',
          'projection.date.interval.unit': 'DAYS',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/cost-reports/recommendations/data/date=${date}']] },
        }),
      }),
    });
    const [query] = Object.values<any>(template.findResources('AWS::Athena::NamedQuery')).map((resource) => resource.Properties.QueryString);
    expect(query).toContain('JOIN latest ON "date" = refresh_date');
    expect(query).not.toContain('billing_period');
  });

  test.each([
    ['CostCenter', 'cost_category_cost_center'],
    ['costcenter', 'cost_category_costcenter'],
    ['team-A', 'cost_category_team_a'],
    ['Cost Center', 'cost_category_cost_center'],
    ['BU', 'cost_category_b_u'],
  ])('the legacy cost category %s is the Athena column %s', (categoryName, column) => {
    const { template } = synth({ exports: [CurExport.legacy({ reportName: 'legacy', costCategoryNames: [categoryName] })] });
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({ StorageDescriptor: Match.objectLike({ Columns: Match.arrayWith([{ Name: column, Type: 'string' }]) }) }),
    });
  });
});

describe('CurReport: Data Exports service-linked role', () => {
  const recommendations = CurExport.costOptimizationRecommendations({ exportName: 'recommendations' });

  test('is not created by default, and the synth says the recommendations export needs it', () => {
    const { stack, template } = synth({ exports: [recommendations] });
    template.resourceCountIs('AWS::IAM::ServiceLinkedRole', 0);
    Annotations.fromStack(stack).hasWarning('/Stack/Reports', Match.stringLikeRegexp('AWSServiceRoleForBCMDataExports.*createDataExportsServiceLinkedRole: true'));
  });

  test('is created on request, before the recommendations export', () => {
    const { stack, template } = synth({ exports: [recommendations, CurExport.cur2({ exportName: 'cur2' })], createDataExportsServiceLinkedRole: true });
    template.hasResourceProperties('AWS::IAM::ServiceLinkedRole', { AWSServiceName: 'bcm-data-exports.amazonaws.com' });
    const [roleId] = Object.keys(template.findResources('AWS::IAM::ServiceLinkedRole'));
    const exports = Object.values<any>(template.findResources('AWS::BCMDataExports::Export'));
    expect(exports.find((resource) => resource.Properties.Export.Name === 'recommendations').DependsOn).toContain(roleId);
    expect(exports.find((resource) => resource.Properties.Export.Name === 'cur2').DependsOn).not.toContain(roleId);
    expect(Annotations.fromStack(stack).findWarning('/Stack/Reports', Match.stringLikeRegexp('AWSServiceRoleForBCMDataExports'))).toEqual([]);
  });

  test('is refused without a recommendations export', () => {
    expect(() => synth({ exports: [CurExport.cur2({ exportName: 'cur2' })], createDataExportsServiceLinkedRole: true })).toThrow(
      /"createDataExportsServiceLinkedRole: true" breaks the rule: the Data Exports service-linked role is created for a Cost Optimization Hub recommendations export/,
    );
  });
});

describe('CurReport: cdk-nag acknowledgements', () => {
  test('every reason is true of the template it acknowledges', () => {
    const { template } = synth({ exports: [CurExport.cur2({ exportName: 'cur2' })] });
    const resources = Object.values<any>(template.toJSON().Resources);
    const hasTrail = resources.some((resource) => resource.Type === 'AWS::CloudTrail::Trail');
    const acknowledged = resources.flatMap((resource) =>
      (resource.Metadata?.cdk_nag?.rules_to_suppress ?? [])
        .map((entry: any) => ({ resource, id: entry.id as string, reason: entry.reason as string })));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { resource, id, reason } of acknowledged) {
      if (/CloudTrail/i.test(reason)) {
        expect(hasTrail).toBe(true);
      }
      if (id.endsWith('AwsSolutions-S1')) {
        expect(resource.Properties.LoggingConfiguration).toBeUndefined();
        expect(reason).toMatch(/no serverAccessLogsBucket was passed/);
      }
    }
  });
});
