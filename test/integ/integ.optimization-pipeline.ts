import { ExpectedResult, IntegTest, InvocationType, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { OptimizationPipeline, Optimizer, OptimizerKind } from '../../src';
import { acknowledgeUnreadAlertTopics, disposableBucket, INTEG_TEST_OPTIONS } from '../support/integ-resources';

// The cost analysis and storage optimizers with storage changes waiting for approval. After
// deployment the cost analysis runs once, for real, and its report must be in the report bucket.
const app = new App();
const stack = new Stack(app, 'OptimizationPipelineInteg');
acknowledgeUnreadAlertTopics(stack);

const reportBucket = disposableBucket(stack, 'ReportBucket');
const pipeline = new OptimizationPipeline(stack, 'Optimization', {
  optimizers: [Optimizer.costAnalysis({ lookbackMonths: 3 }), Optimizer.storage({ snapshotRetentionDays: 30 })],
  reportBucket,
  reportPrefix: 'integ-reports',
  approval: { decisionTimeout: Duration.hours(1) },
});

const integ = new IntegTest(app, 'OptimizationPipelineTest', { testCases: [stack], ...INTEG_TEST_OPTIONS });

const costAnalysis = pipeline.functionFor(OptimizerKind.COST_ANALYSIS)!;
const listReports = integ.assertions
  .awsApiCall('S3', 'listObjectsV2', { Bucket: reportBucket.bucketName, Prefix: `integ-reports/${stack.account}/` })
  .expect(ExpectedResult.objectLike({
    Contents: Match.arrayWith([Match.objectLike({ Key: Match.stringLikeRegexp('optimization\\.md$') })]),
  }));
// ListObjectsV2 is authorized by s3:ListBucket, which integ-tests cannot derive from the API name.
listReports.provider.addToRolePolicy({ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [reportBucket.bucketArn] });

// A failed run also answers 200 (with a FunctionError): the report in the bucket is the proof the run worked.
integ.assertions
  .invokeFunction({ functionName: costAnalysis.functionName, invocationType: InvocationType.REQUEST_RESPONSE, payload: '{}' })
  .expect(ExpectedResult.objectLike({ StatusCode: 200, ExecutedVersion: '$LATEST' }))
  .next(listReports);

app.synth();
