import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { catalog, catalogStack, deployTime } from './catalog';
import { CurExport, CurReport, CurReportProps, ReportCompression, ReportFormat } from '../../src';

const EXPORT_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_DataExports_Export.html';
const LEGACY_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_cur_ReportDefinition.html';
const OUTPUT_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_bcm-data-exports_S3OutputConfigurations.html';
const WORKGROUP_CONFIGURATION_PAGE = 'https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html';
const NAMED_QUERY_PAGE = 'https://docs.aws.amazon.com/athena/latest/APIReference/API_NamedQuery.html';
const TRANSITION_PAGE = 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html';
const ENDPOINTS_PAGE = 'https://docs.aws.amazon.com/general/latest/gr/billing.html';
const DICTIONARY_PAGE = 'https://docs.aws.amazon.com/cur/latest/userguide/dataexports-table-dictionary.html';
const FOCUS_COLUMNS_PAGE = 'https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws-columns.html';
const CUR2_MIGRATION_PAGE = 'https://docs.aws.amazon.com/cur/latest/userguide/dataexports-migrate.html';
const NAMES_PAGE = 'https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html';

const cur2 = CurExport.cur2({ exportName: 'cur2' });

/** The 43 FOCUS 1.0 columns and AWS's five x_ columns, written out from the FOCUS_1_0_AWS table dictionary. */
const FOCUS_1_0_COLUMNS = [
  'AvailabilityZone', 'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargeFrequency', 'ChargePeriodEnd', 'ChargePeriodStart', 'CommitmentDiscountCategory',
  'CommitmentDiscountId', 'CommitmentDiscountName', 'CommitmentDiscountStatus', 'CommitmentDiscountType', 'ConsumedQuantity', 'ConsumedUnit',
  'ContractedCost', 'ContractedUnitPrice', 'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'ListUnitPrice', 'PricingCategory', 'PricingQuantity',
  'PricingUnit', 'ProviderName', 'PublisherName', 'RegionId', 'RegionName', 'ResourceId', 'ResourceName', 'ResourceType', 'ServiceCategory',
  'ServiceName', 'SkuId', 'SkuPriceId', 'SubAccountId', 'SubAccountName', 'Tags',
  'x_CostCategories', 'x_Discounts', 'x_Operation', 'x_ServiceCode', 'x_UsageType',
];

function reports(stack: Stack, props: Partial<CurReportProps>): CurReport {
  return new CurReport(stack, 'Reports', { exports: [cur2], ...props });
}

const inRegion = (region: string) => new Stack(undefined, 'Stack', { env: { account: '111111111111', region } });

catalog('CurReport', {
  invalid: [
    // Name "Pattern: [0-9A-Za-z\-_]+", as CloudFormation's AWS::BCMDataExports::Export has it.
    { name: 'export name with a dot', source: EXPORT_PAGE, build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: 'cur2.daily' })] }), path: 'Stack/Reports', value: '"cur2.daily"', rule: /an export name uses only 0-9 A-Z a-z - _/ },
    { name: 'export name with a space', source: EXPORT_PAGE, build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: 'cur 2' })] }), path: 'Stack/Reports', value: '"cur 2"', rule: /an export name uses only/ },
    { name: 'export name of 129 characters', source: EXPORT_PAGE, build: (s) => reports(s, { exports: [CurExport.focus({ exportName: 'f'.repeat(129) })] }), path: 'Stack/Reports', value: '"fff', rule: /an export name is 1-128 characters/ },
    { name: 'report name of 257 characters', source: LEGACY_PAGE, build: (s) => reports(s, { exports: [CurExport.legacy({ reportName: 'r'.repeat(257) })] }), path: 'Stack/Reports', value: '"rrr', rule: /a report name is 1-256 characters/ },
    { name: 'report name with "/"', source: LEGACY_PAGE, build: (s) => reports(s, { exports: [CurExport.legacy({ reportName: 'cost/report' })] }), path: 'Stack/Reports', value: '"cost/report"', rule: /a report name uses only/ },
    {
      name: 'a Data Export zipped',
      source: OUTPUT_PAGE,
      build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: 'c', format: ReportFormat.TEXT_OR_CSV, compression: ReportCompression.ZIP })] }),
      path: 'Stack/Reports',
      value: '"TEXT_OR_CSV with ZIP"',
      rule: /is compressed with GZIP/,
    },
    {
      name: 'a CUR 2.0 column in the legacy spelling',
      source: DICTIONARY_PAGE,
      build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: 'c', columns: ['LineItemUnblendedCost'] })] }),
      path: 'Stack/Reports',
      value: '["LineItemUnblendedCost"]',
      rule: /named as in the table dictionary/,
    },
    {
      name: 'a FOCUS 1.0 column the table does not have',
      source: FOCUS_COLUMNS_PAGE,
      build: (s) => reports(s, { exports: [CurExport.focus({ exportName: 'f', columns: ['BilledCost', 'EffectiveCosts'] })] }),
      path: 'Stack/Reports',
      value: '["EffectiveCosts"]',
      rule: /are those of the FOCUS_1_0_AWS table .*replace "EffectiveCosts" with "EffectiveCost"/,
    },
    { name: 'bytes scanned cutoff under 10 MB', source: WORKGROUP_CONFIGURATION_PAGE, build: (s) => reports(s, { bytesScannedCutoffPerQuery: 9_999_999 }), path: 'Stack/Reports', value: '9999999', rule: /at least 10,000,000 bytes/ },
    { name: 'workgroup name with a space', source: NAMED_QUERY_PAGE, build: (s) => reports(s, { workGroupName: 'finops reports' }), path: 'Stack/Reports', value: '"finops reports"', rule: /an Athena workgroup name is 1-128 of/ },
    { name: 'database name in upper case', source: NAMES_PAGE, build: (s) => reports(s, { databaseName: 'CostReports' }), path: 'Stack/Reports', value: '"CostReports"', rule: /an Athena database name is 1-255 lower-case/ },
    { name: 'Standard-IA after 29 days', source: TRANSITION_PAGE, build: (s) => reports(s, { infrequentAccessAfter: Duration.days(29) }), path: 'Stack/Reports', value: '29', rule: /Standard-IA after at least 30 days/ },
    {
      name: 'a lifecycle of 36 hours',
      source: TRANSITION_PAGE,
      build: (s) => reports(s, { noncurrentVersionExpiration: Duration.hours(36) }),
      path: 'Stack/Reports',
      value: '"noncurrentVersionExpiration of 1.5 days"',
      rule: /S3 lifecycle rules count whole days/,
    },
    { name: 'a stack outside us-east-1', source: ENDPOINTS_PAGE, build: () => reports(inRegion('eu-west-1'), {}), path: 'Stack/Reports', value: '"eu-west-1"', rule: /created in us-east-1 only/ },
  ],
  valid: [
    { name: 'report name of 256 characters', build: (s) => reports(s, { exports: [CurExport.legacy({ reportName: 'r'.repeat(256) })] }) },
    { name: 'export name of 128 characters with - and _', build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: `cur2-_${'c'.repeat(122)}` })] }) },
    { name: 'string token export name', build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: deployTime.string(s, 'ExportName') })] }) },
    { name: 'string token report name', build: (s) => reports(s, { exports: [CurExport.legacy({ reportName: deployTime.string(s, 'ReportName') })] }) },
    { name: 'list token columns (CommaDelimitedList)', build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: 'c', columns: deployTime.list(s, 'Columns') })] }) },
    { name: 'list token columns (Fn.split)', build: (s) => reports(s, { exports: [CurExport.focus({ exportName: 'f', columns: deployTime.split(s, 'Columns') })] }) },
    { name: 'string token column among FOCUS 1.0 columns', build: (s) => reports(s, { exports: [CurExport.focus({ exportName: 'f', columns: [deployTime.string(s, 'Column'), 'BilledCost'] })] }) },
    { name: 'every FOCUS 1.0 column (x_ columns included)', build: (s) => reports(s, { exports: [CurExport.focus({ exportName: 'f', columns: FOCUS_1_0_COLUMNS })] }) },
    // The migration page names columns that CUR 2.0 has gained (line_item_iam_principal): a CUR 2.0 column this library does not list is accepted.
    { name: `a CUR 2.0 column newer than the library's list (${CUR2_MIGRATION_PAGE})`, build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: 'c', columns: ['line_item_iam_principal'] })] }) },
    { name: 'CUR 2.0 reservation and savings plan columns', build: (s) => reports(s, { exports: [CurExport.cur2({ exportName: 'c', columns: ['reservation_net_effective_cost', 'savings_plan_net_savings_plan_effective_cost'] })] }) },
    { name: 'number token bytes scanned cutoff', build: (s) => reports(s, { bytesScannedCutoffPerQuery: deployTime.number(s, 'Cutoff') }) },
    { name: 'number token lifecycle days', build: (s) => reports(s, { infrequentAccessAfter: Duration.days(deployTime.number(s, 'IaDays')), glacierInstantRetrievalAfter: Duration.days(deployTime.number(s, 'GirDays')) }) },
    { name: 'string token billing period (legacy and CUR 2.0)', build: (s) => reports(s, { firstBillingPeriod: deployTime.string(s, 'Period'), exports: [cur2, CurExport.legacy({ reportName: 'r' })] }) },
    { name: 'string tokens: prefix, database, workgroup', build: (s) => reports(s, { prefix: deployTime.string(s, 'Prefix'), databaseName: deployTime.string(s, 'Database'), workGroupName: deployTime.string(s, 'WorkGroup') }) },
    { name: 'string token cost category name of a legacy report', build: (s) => reports(s, { exports: [CurExport.legacy({ reportName: 'r', costCategoryNames: [deployTime.string(s, 'Category')] })] }) },
    { name: 'string tokens: description and recommendations filter', build: (s) => reports(s, { exports: [CurExport.costOptimizationRecommendations({ exportName: 'coh', description: deployTime.string(s, 'Description'), filter: deployTime.string(s, 'Filter') })] }) },
    { name: 'a lifecycle of 30 days, whole', build: (s) => reports(s, { infrequentAccessAfter: Duration.days(30), noncurrentVersionExpiration: Duration.hours(48) }) },
  ],
});

describe('names CurReport derives fit their limits for every name it accepts', () => {
  test('a 256-character report name: Glue table at most 255 characters, named queries at most 128', () => {
    const stack = catalogStack();
    reports(stack, { exports: [CurExport.legacy({ reportName: 'r'.repeat(256), costCategoryNames: ['business-unit'] }), CurExport.cur2({ exportName: 'c'.repeat(128) })] });
    const template = Template.fromStack(stack);
    const tables = Object.values(template.findResources('AWS::Glue::Table')).map((table) => table.Properties.TableInput.Name as string);
    expect(tables).toHaveLength(2);
    tables.forEach((name) => expect(name.length).toBeLessThanOrEqual(255));
    const queries = Object.values(template.findResources('AWS::Athena::NamedQuery')).map((query) => query.Properties.Name as string);
    expect(queries.length).toBeGreaterThan(0);
    queries.forEach((name) => expect(name.length).toBeLessThanOrEqual(128));
    expect(new Set(queries).size).toBe(queries.length);
  });

  test('a token export name: the export keeps the token, its table and queries are named after its position', () => {
    const stack = catalogStack();
    const exportName = deployTime.string(stack, 'ExportName');
    reports(stack, { exports: [CurExport.cur2({ exportName })] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::BCMDataExports::Export', { Export: { Name: { Ref: 'ExportName' } } });
    template.hasResourceProperties('AWS::Glue::Table', { TableInput: { Name: 'report_1' } });
    template.hasResourceProperties('AWS::Athena::NamedQuery', { Name: 'report_1 cost-by-service' });
  });
});
