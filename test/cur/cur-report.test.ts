import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CurExport,
  CurReport,
  CurReportProps,
  ReportArtifact,
  ReportCompression,
  ReportFormat,
  ReportTimeUnit,
  ReportVersioning,
  SchemaElement,
} from '../../src';
import { awsSolutionsFindings } from '../support/nag';

const ACCOUNT = '111111111111';

function usEast1Stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
}

function synth(props: CurReportProps, stack = usEast1Stack()): { stack: Stack; report: CurReport; template: Template } {
  const report = new CurReport(stack, 'Reports', props);
  return { stack, report, template: Template.fromStack(stack) };
}

const legacy = CurExport.legacy({ reportName: 'enterprise-cost-report', schemaElements: [SchemaElement.RESOURCES] });
const cur2 = CurExport.cur2({ exportName: 'cur2-daily', includeResources: true });

describe('CurReport: the legacy Cost and Usage Report', () => {
  test('is a daily Parquet report with the Athena artifact by default, delivered under the prefix', () => {
    const { template } = synth({ exports: [legacy] });
    template.hasResourceProperties('AWS::CUR::ReportDefinition', {
      ReportName: 'enterprise-cost-report',
      TimeUnit: 'DAILY',
      Format: 'Parquet',
      Compression: 'Parquet',
      AdditionalSchemaElements: ['RESOURCES'],
      AdditionalArtifacts: ['ATHENA'],
      RefreshClosedReports: true,
      ReportVersioning: 'OVERWRITE_REPORT',
      S3Bucket: { Ref: Match.stringLikeRegexp('ReportsBucket') },
      S3Prefix: 'cost-reports',
      S3Region: 'us-east-1',
    });
  });

  test('renders text/CSV with the Redshift artifact, hourly, new versions', () => {
    const { template } = synth({
      exports: [CurExport.legacy({
        reportName: 'for-redshift',
        format: ReportFormat.TEXT_OR_CSV,
        compression: ReportCompression.ZIP,
        timeUnit: ReportTimeUnit.HOURLY,
        artifacts: [ReportArtifact.REDSHIFT, ReportArtifact.QUICKSIGHT],
        versioning: ReportVersioning.CREATE_NEW_REPORT,
        refreshClosedReports: false,
      })],
    });
    template.hasResourceProperties('AWS::CUR::ReportDefinition', {
      Format: 'textORcsv',
      Compression: 'ZIP',
      TimeUnit: 'HOURLY',
      AdditionalArtifacts: ['REDSHIFT', 'QUICKSIGHT'],
      ReportVersioning: 'CREATE_NEW_REPORT',
      RefreshClosedReports: false,
      AdditionalSchemaElements: Match.absent(),
    });
    // A CSV report is not laid out for Athena: no table, no queries.
    template.resourceCountIs('AWS::Glue::Table', 0);
    template.resourceCountIs('AWS::Athena::NamedQuery', 0);
  });

  test('waits for the bucket policy that lets billingreports.amazonaws.com deliver for this account only', () => {
    const { template } = synth({ exports: [legacy] });
    template.hasResource('AWS::CUR::ReportDefinition', { DependsOn: [Match.stringLikeRegexp('ReportsBucketPolicy')] });
    const conditions = {
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cur:us-east-1:${ACCOUNT}:definition/*`]] } },
    };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CurCheckBucket',
            Effect: 'Allow',
            Principal: { Service: 'billingreports.amazonaws.com' },
            Action: ['s3:GetBucketAcl', 's3:GetBucketPolicy'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReportsBucket'), 'Arn'] },
            Condition: conditions,
          }),
          Match.objectLike({
            Sid: 'CurDeliver',
            Principal: { Service: 'billingreports.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('ReportsBucket'), 'Arn'] }, '/*']] },
            Condition: conditions,
          }),
        ]),
      },
    });
  });

  test('gets a Glue table partitioned by year and month, projected over the Athena layout', () => {
    const { template } = synth({ exports: [CurExport.legacy({ reportName: 'enterprise-cost-report', costCategoryNames: ['Business Unit'] })] });
    template.hasResourceProperties('AWS::Glue::Table', {
      CatalogId: ACCOUNT,
      TableInput: {
        Name: 'enterprise_cost_report',
        TableType: 'EXTERNAL_TABLE',
        PartitionKeys: [{ Name: 'year', Type: 'string' }, { Name: 'month', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.year.type': 'date',
          'projection.year.range': '2024,NOW',
          'projection.month.type': 'integer',
          'projection.month.range': '1,12',
          'storage.location.template': {
            'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/cost-reports/enterprise-cost-report/enterprise-cost-report/year=${year}/month=${month}']],
          },
        }),
        StorageDescriptor: Match.objectLike({
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
          Columns: Match.arrayWith([
            { Name: 'line_item_unblended_cost', Type: 'double' },
            { Name: 'cost_category_business_unit', Type: 'string' },
          ]),
        }),
      },
    });
    const queries = Object.values<any>(template.findResources('AWS::Athena::NamedQuery')).map((query) => query.Properties);
    const byCategory = queries.find((query) => query.Name === 'enterprise-cost-report cost-by-cost-category-business-unit');
    expect(byCategory.QueryString.split('\n')).toEqual([
      "SELECT 'Business Unit' AS cost_category, cost_category_business_unit AS cost_category_value, round(sum(line_item_unblended_cost), 2) AS cost",
      expect.stringMatching(/^FROM "stack_reports_\w+"\."enterprise_cost_report"$/),
      "WHERE year = date_format(current_date, '%Y') AND month = cast(month(current_date) AS varchar)",
      'GROUP BY 1, 2',
      'ORDER BY cost DESC',
    ]);
    expect(queries.map((query) => query.Name)).toEqual([
      'enterprise-cost-report cost-by-service',
      'enterprise-cost-report cost-by-account',
      'enterprise-cost-report cost-by-cost-category-business-unit',
      'enterprise-cost-report month-over-month',
    ]);
  });

  test('declares line_item_resource_id only with the RESOURCES schema element', () => {
    const columnsOf = (template: Template): string[] =>
      Object.values<any>(template.findResources('AWS::Glue::Table'))[0].Properties.TableInput.StorageDescriptor.Columns.map((column: any) => column.Name);
    expect(columnsOf(synth({ exports: [legacy] }).template)).toContain('line_item_resource_id');
    expect(columnsOf(synth({ exports: [CurExport.legacy({ reportName: 'plain' })] }).template)).not.toContain('line_item_resource_id');
  });
});

describe('CurReport: Data Exports', () => {
  test('a CUR 2.0 export selects its columns with its table configurations, Parquet, overwritten', () => {
    const { template } = synth({ exports: [cur2] });
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: {
        Name: 'cur2-daily',
        DataQuery: {
          QueryStatement: Match.stringLikeRegexp('^SELECT bill_bill_type, .*line_item_unblended_cost, .*line_item_resource_id FROM COST_AND_USAGE_REPORT$'),
          TableConfigurations: {
            COST_AND_USAGE_REPORT: {
              TIME_GRANULARITY: 'DAILY',
              INCLUDE_RESOURCES: 'TRUE',
              INCLUDE_SPLIT_COST_ALLOCATION_DATA: 'FALSE',
              INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY: 'FALSE',
            },
          },
        },
        DestinationConfigurations: {
          S3Destination: {
            S3Bucket: { Ref: Match.stringLikeRegexp('ReportsBucket') },
            S3BucketOwner: Match.absent(),
            S3Prefix: 'cost-reports',
            S3Region: 'us-east-1',
            S3OutputConfigurations: { OutputType: 'CUSTOM', Format: 'PARQUET', Compression: 'PARQUET', Overwrite: 'OVERWRITE_REPORT' },
          },
        },
        RefreshCadence: { Frequency: 'SYNCHRONOUS' },
      },
    });
  });

  test('split cost allocation data adds the split_line_item_* columns', () => {
    const { template } = synth({ exports: [CurExport.cur2({ exportName: 'split', includeSplitCostAllocationData: true, timeGranularity: ReportTimeUnit.HOURLY })] });
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: {
        DataQuery: {
          QueryStatement: Match.stringLikeRegexp('split_line_item_split_cost'),
          TableConfigurations: { COST_AND_USAGE_REPORT: Match.objectLike({ TIME_GRANULARITY: 'HOURLY', INCLUDE_SPLIT_COST_ALLOCATION_DATA: 'TRUE' }) },
        },
      },
    });
  });

  test('a column selection is exported as written and typed from the dictionary', () => {
    const { template } = synth({
      exports: [CurExport.cur2({ exportName: 'narrow', columns: ['line_item_usage_account_id', 'line_item_unblended_cost', 'bill_billing_period_start_date'] })],
    });
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: { DataQuery: { QueryStatement: 'SELECT line_item_usage_account_id, line_item_unblended_cost, bill_billing_period_start_date FROM COST_AND_USAGE_REPORT' } },
    });
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: {
        StorageDescriptor: Match.objectLike({
          Columns: [
            { Name: 'line_item_usage_account_id', Type: 'string' },
            { Name: 'line_item_unblended_cost', Type: 'double' },
            { Name: 'bill_billing_period_start_date', Type: 'timestamp' },
          ],
        }),
      },
    });
  });

  test('FOCUS 1.0 has no table configurations and a lower-case Glue table', () => {
    const { template } = synth({ exports: [CurExport.focus({ exportName: 'focus-1-0', description: 'FOCUS for the BI team' })] });
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: {
        Description: 'FOCUS for the BI team',
        DataQuery: { QueryStatement: Match.stringLikeRegexp('^SELECT AvailabilityZone, BilledCost, .* FROM FOCUS_1_0_AWS$'), TableConfigurations: Match.absent() },
      },
    });
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: { Name: 'focus_1_0', StorageDescriptor: Match.objectLike({ Columns: Match.arrayWith([{ Name: 'billedcost', Type: 'double' }]) }) },
    });
    template.hasResourceProperties('AWS::Athena::NamedQuery', { QueryString: Match.stringLikeRegexp('SELECT servicename AS service, round\\(sum\\(billedcost\\), 2\\)') });
  });

  test('Cost Optimization Hub recommendations take INCLUDE_ALL_RECOMMENDATIONS and a FILTER', () => {
    const { template } = synth({
      exports: [CurExport.costOptimizationRecommendations({ exportName: 'coh', includeAllRecommendations: true, filter: '{"actionTypes":["Rightsize"]}' })],
    });
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: {
        DataQuery: {
          QueryStatement: Match.stringLikeRegexp('FROM COST_OPTIMIZATION_RECOMMENDATIONS$'),
          TableConfigurations: { COST_OPTIMIZATION_RECOMMENDATIONS: { INCLUDE_ALL_RECOMMENDATIONS: 'TRUE', FILTER: '{"actionTypes":["Rightsize"]}' } },
        },
      },
    });
    template.hasResourceProperties('AWS::Athena::NamedQuery', { Name: 'coh top-savings' });
  });

  test('a Cost Optimization Hub export writes the empty filter AWS stores, and warns that the hub must be enabled', () => {
    const stack = usEast1Stack();
    const { template } = synth({ exports: [CurExport.costOptimizationRecommendations({ exportName: 'coh' })] }, stack);
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: {
        DataQuery: Match.objectLike({
          QueryStatement: Match.stringLikeRegexp('^SELECT account_id, action_type, .*, tags FROM COST_OPTIMIZATION_RECOMMENDATIONS$'),
          TableConfigurations: { COST_OPTIMIZATION_RECOMMENDATIONS: { INCLUDE_ALL_RECOMMENDATIONS: 'FALSE', FILTER: '{}' } },
        }),
      },
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Reports', Match.stringLikeRegexp('needs Cost Optimization Hub enabled'));
  });

  test('a CSV export or one kept in versions gets no Athena table', () => {
    const { template } = synth({
      exports: [
        CurExport.cur2({ exportName: 'csv', format: ReportFormat.TEXT_OR_CSV }),
        CurExport.focus({ exportName: 'versions', versioning: ReportVersioning.CREATE_NEW_REPORT }),
      ],
    });
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: Match.objectLike({
        Name: 'csv',
        DestinationConfigurations: { S3Destination: Match.objectLike({ S3OutputConfigurations: Match.objectLike({ Format: 'TEXT_OR_CSV', Compression: 'GZIP' }) }) },
      }),
    });
    template.resourceCountIs('AWS::Glue::Table', 0);
  });

  test('the bucket policy is the statement AWS documents for Data Exports: both service principals, both source ARNs, this account only', () => {
    const { template } = synth({ exports: [cur2] });
    const sourceArn = (service: string, resource: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:us-east-1:${ACCOUNT}:${resource}`]] });
    const statements = Object.values<any>(template.findResources('AWS::S3::BucketPolicy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const delivery = statements.filter((statement) => statement.Principal?.Service !== undefined);
    expect(delivery).toEqual([
      expect.objectContaining({
        Sid: 'EnableAWSDataExportsToWriteToS3AndCheckPolicy',
        Effect: 'Allow',
        Principal: { Service: ['billingreports.amazonaws.com', 'bcm-data-exports.amazonaws.com'] },
        Action: ['s3:PutObject', 's3:GetBucketPolicy'],
        Resource: [{ 'Fn::Join': ['', [expect.objectContaining({ 'Fn::GetAtt': [expect.stringMatching(/ReportsBucket/), 'Arn'] }), '/*']] }, expect.objectContaining({ 'Fn::GetAtt': [expect.stringMatching(/ReportsBucket/), 'Arn'] })],
        Condition: {
          StringLike: {
            'aws:SourceAccount': ACCOUNT,
            'aws:SourceArn': [sourceArn('cur', 'definition/*'), sourceArn('bcm-data-exports', 'export/*')],
          },
        },
      }),
    ]);
    template.hasResource('AWS::BCMDataExports::Export', { DependsOn: [Match.stringLikeRegexp('ReportsBucketPolicy')] });
  });
});

describe('CurReport: storage', () => {
  test('creates the report bucket secure by default', () => {
    const { template } = synth({ exports: [cur2] });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }, { StorageClass: 'GLACIER_IR', TransitionInDays: 365 }],
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        })],
      },
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('lifecycle, object lock and server access logging follow the props', () => {
    const stack = usEast1Stack();
    const logs = s3.Bucket.fromBucketName(stack, 'Logs', 'access-logs');
    const { template } = synth({
      exports: [cur2],
      infrequentAccessAfter: Duration.days(30),
      glacierInstantRetrievalAfter: Duration.days(180),
      noncurrentVersionExpiration: Duration.days(7),
      objectLockRetention: Duration.days(400),
      serverAccessLogsBucket: logs,
    }, stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 400 } } },
      LoggingConfiguration: { DestinationBucketName: 'access-logs', LogFilePrefix: 'Stack/Reports/reports/' },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }, { StorageClass: 'GLACIER_IR', TransitionInDays: 180 }],
          NoncurrentVersionExpiration: { NoncurrentDays: 7 },
        })],
      },
    });
  });

  test("a user's bucket gets the delivery policy and no new report bucket", () => {
    const stack = usEast1Stack();
    const bucket = new s3.Bucket(stack, 'Mine');
    const { template, report } = synth({ exports: [legacy], bucket, prefix: 'billing/cur' }, stack);
    expect(report.bucket).toBe(bucket);
    template.resourceCountIs('AWS::S3::Bucket', 2); // the user's and the query results bucket
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('Mine') },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'CurDeliver' })]) },
    });
    template.hasResourceProperties('AWS::CUR::ReportDefinition', { S3Prefix: 'billing/cur' });
  });

  test('an imported bucket is used as is, with a warning that its owner must allow delivery', () => {
    const stack = usEast1Stack();
    const { report } = synth({ exports: [cur2], bucket: s3.Bucket.fromBucketName(stack, 'Imported', 'billing-data') }, stack);
    Annotations.fromStack(stack).hasWarning('/Stack/Reports', Match.stringLikeRegexp('billing-data is imported: its owner must allow'));
    expect(report.bucket.bucketName).toBe('billing-data');
  });

  test('a bucket of another account, when allowed, is named as the export bucket owner', () => {
    const stack = usEast1Stack();
    const bucket = s3.Bucket.fromBucketAttributes(stack, 'Central', { bucketName: 'central-billing', account: '222222222222', region: 'eu-west-1' });
    const { template } = synth({ exports: [cur2], bucket, allowBucketInOtherAccount: true }, stack);
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: { DestinationConfigurations: { S3Destination: Match.objectLike({ S3BucketOwner: '222222222222', S3Region: 'eu-west-1' }) } },
    });
  });
});

describe('CurReport: query', () => {
  test('the Athena workgroup enforces encrypted results in its own bucket and a bytes-scanned limit', () => {
    const { template } = synth({ exports: [cur2], workGroupName: 'finops', bytesScannedCutoffPerQuery: 50_000_000_000 });
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'finops',
      State: 'ENABLED',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 50_000_000_000,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('ReportsQueryResults') }, '/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
          ExpectedBucketOwner: ACCOUNT,
        },
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ Id: 'expire-query-results', ExpirationInDays: 30, Status: 'Enabled' }] },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    // The results bucket's policy only refuses requests without TLS.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('ReportsQueryResults') },
      PolicyDocument: {
        Statement: [Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
      },
    });
  });

  test('the CUR 2.0 table is partitioned by billing period with projection, and four named queries answer the seed', () => {
    const { template, report } = synth({ exports: [cur2], databaseName: 'cost_reports', firstBillingPeriod: '2025-06' });
    template.hasResourceProperties('AWS::Glue::Database', { CatalogId: ACCOUNT, DatabaseInput: Match.objectLike({ Name: 'cost_reports' }) });
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: 'cost_reports',
      TableInput: {
        Name: 'cur2_daily',
        PartitionKeys: [{ Name: 'billing_period', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.billing_period.type': 'date',
          'projection.billing_period.format': 'yyyy-MM',
          'projection.billing_period.range': '2025-06,NOW',
          'projection.billing_period.interval.unit': 'MONTHS',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/cost-reports/cur2-daily/data/BILLING_PERIOD=${billing_period}']] },
        }),
        StorageDescriptor: Match.objectLike({
          Location: { 'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/cost-reports/cur2-daily/data/']] },
          Columns: Match.arrayWith([{ Name: 'cost_category', Type: 'map<string,string>' }, { Name: 'line_item_resource_id', Type: 'string' }]),
        }),
      },
    });
    const queries = Object.values<any>(template.findResources('AWS::Athena::NamedQuery')).map((query) => query.Properties);
    expect(queries.map((query) => query.Name)).toEqual([
      'cur2-daily cost-by-service',
      'cur2-daily cost-by-account',
      'cur2-daily cost-by-cost-category',
      'cur2-daily month-over-month',
    ]);
    expect(queries[0].QueryString).toContain('FROM "cost_reports"."cur2_daily"');
    expect(queries[0].QueryString).toContain("WHERE billing_period = date_format(current_date, '%Y-%m')");
    expect(queries[2].QueryString).toContain('CROSS JOIN UNNEST(cost_category) AS categories(category, category_value)');
    expect(queries[3].QueryString).toContain('lag(cost) OVER (ORDER BY billing_period_start)');
    expect(report.tableNames).toEqual(['cur2_daily']);
    expect(report.deliveries).toEqual([{ name: 'cur2-daily', dataPrefix: 'cost-reports/cur2-daily/data', tableName: 'cur2_daily' }]);
  });

  test('grantRead leaves the analyst\'s policy clean under cdk-nag AwsSolutions: its object wildcards come acknowledged with their reason', () => {
    const stack = usEast1Stack();
    const analyst = new iam.Role(stack, 'Analyst', { assumedBy: new iam.AccountRootPrincipal() });
    new CurReport(stack, 'Reports', { exports: [cur2] }).grantRead(analyst);
    expect(awsSolutionsFindings(stack.node.root as App)).toBe('');
  });

  test('grantRead gives an analyst S3, Glue and Athena access to the reports only, without action wildcards', () => {
    const stack = usEast1Stack();
    const analyst = new iam.Role(stack, 'Analyst', { assumedBy: new iam.AccountRootPrincipal() });
    const report = new CurReport(stack, 'Reports', { exports: [cur2], databaseName: 'cost_reports', workGroupName: 'finops' });
    report.grantRead(analyst);
    const policies = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    const statements: any[] = policies[0].Properties.PolicyDocument.Statement;
    const actions = statements.flatMap((statement) => [].concat(statement.Action));
    expect(actions.filter((action: string) => action.includes('*'))).toEqual([]);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/ReportsBucket/), 'Arn'] }, '/cost-reports/*']] } }),
      expect.objectContaining({
        Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
        Resource: expect.arrayContaining([
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:glue:us-east-1:${ACCOUNT}:database/cost_reports`]] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:glue:us-east-1:${ACCOUNT}:table/cost_reports/cur2_daily`]] },
        ]),
      }),
      expect.objectContaining({
        Action: expect.arrayContaining(['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults']),
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:athena:us-east-1:${ACCOUNT}:workgroup/finops`]] },
      }),
      expect.objectContaining({
        Action: expect.arrayContaining(['s3:PutObject']),
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/ReportsQueryResults/), 'Arn'] }, '/*']] },
      }),
    ]));
  });
});

describe('CurReport: names', () => {
  test('the database and workgroup names default to names derived from the construct path that Athena accepts', () => {
    const { report, template } = synth({ exports: [cur2, CurExport.cur2({ exportName: 'csv', format: ReportFormat.TEXT_OR_CSV })] });
    expect(report.databaseName).toMatch(/^stack_reports_[a-z0-9]+$/);
    expect(report.workGroupName).toMatch(/^Stack-Reports-[A-Za-z0-9]+$/);
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: Match.objectLike({ Name: report.databaseName }) });
    template.hasResourceProperties('AWS::Athena::WorkGroup', { Name: report.workGroupName });
    expect(report.deliveries).toEqual([
      { name: 'cur2-daily', dataPrefix: 'cost-reports/cur2-daily/data', tableName: 'cur2_daily' },
      { name: 'csv', dataPrefix: 'cost-reports/csv' },
    ]);
  });
});

describe('CurReport: region', () => {
  test('an environment-agnostic stack gets a warning and a rule that only us-east-1 deploys', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const { template } = synth({ exports: [cur2] }, stack);
    Annotations.fromStack(stack).hasWarning('/Agnostic/Reports', Match.stringLikeRegexp('exist only in us-east-1'));
    expect(Object.values(template.toJSON().Rules)).toContainEqual({
      Assertions: [{
        Assert: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
        AssertDescription: 'Cost and Usage Reports and Data Exports exist only in us-east-1: deploy this stack there',
      }],
    });
  });

  test('a us-east-1 stack needs no rule', () => {
    const { template } = synth({ exports: [cur2] });
    expect(Object.keys(template.toJSON().Rules)).toEqual(['CheckBootstrapVersion']);
  });
});
