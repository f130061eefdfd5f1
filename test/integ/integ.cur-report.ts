import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CurExport, CurReport, ReportTimeUnit, SchemaElement } from '../../src';
import { disposableBucket, INTEG_TEST_OPTIONS } from '../support/integ-resources';

// A legacy Parquet report and a CUR 2.0 export into one bucket, with the Glue tables and Athena
// workgroup over them. The bucket is emptied and deleted with the test (AWS writes a test object
// into it when the report is created). After deployment the report, the export and the workgroup
// are read back.
const app = new App();
const stack = new Stack(app, 'CurReportInteg');

const bucket = disposableBucket(stack, 'ReportBucket');
const reports = new CurReport(stack, 'CostReports', {
  bucket,
  databaseName: 'integ_cost_reports',
  workGroupName: 'integ-cost-reports',
  removalPolicy: RemovalPolicy.DESTROY,
  exports: [
    CurExport.legacy({ reportName: 'integ-cost-report', timeUnit: ReportTimeUnit.DAILY, schemaElements: [SchemaElement.RESOURCES] }),
    CurExport.cur2({ exportName: 'integ-cur2-daily', timeGranularity: ReportTimeUnit.DAILY }),
  ],
});

const integ = new IntegTest(app, 'CurReportTest', { testCases: [stack], ...INTEG_TEST_OPTIONS });

integ.assertions
  .awsApiCall('@aws-sdk/client-cost-and-usage-report-service', 'describeReportDefinitions', {})
  .expect(ExpectedResult.objectLike({
    ReportDefinitions: Match.arrayWith([
      Match.objectLike({ ReportName: 'integ-cost-report', TimeUnit: 'DAILY', Format: 'Parquet', S3Bucket: bucket.bucketName }),
    ]),
  }));

integ.assertions
  .awsApiCall('BCMDataExports', 'listExports', {})
  .expect(ExpectedResult.objectLike({
    Exports: Match.arrayWith([Match.objectLike({ ExportName: 'integ-cur2-daily' })]),
  }));

integ.assertions
  .awsApiCall('Athena', 'getWorkGroup', { WorkGroup: reports.workGroupName })
  .expect(ExpectedResult.objectLike({
    WorkGroup: Match.objectLike({
      Name: 'integ-cost-reports',
      State: 'ENABLED',
      Configuration: Match.objectLike({ EnforceWorkGroupConfiguration: true }),
    }),
  }));

app.synth();
