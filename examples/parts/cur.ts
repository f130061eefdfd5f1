import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CurExport, CurReport, ReportTimeUnit, SchemaElement } from '../../src';

/**
 * The seed's BI integration: the daily Parquet report "enterprise-cost-report" with resource IDs
 * and the Athena integration, next to the CUR 2.0 export AWS now recommends, in one bucket with one
 * Glue database and Athena workgroup; the FinOps analysts may query both.
 */
export function addCostReports(stack: Stack): CurReport {
  const reports = new CurReport(stack, 'CostReports', {
    databaseName: 'finops_cost_reports',
    workGroupName: 'finops-cost-reports',
    exports: [
      CurExport.legacy({
        reportName: 'enterprise-cost-report',
        timeUnit: ReportTimeUnit.DAILY,
        schemaElements: [SchemaElement.RESOURCES],
        // The organization's cost category (see the cost-categories part): a column of the table and a named query.
        costCategoryNames: ['business-unit'],
      }),
      CurExport.cur2({ exportName: 'enterprise-cur2-daily', timeGranularity: ReportTimeUnit.DAILY, includeResources: true }),
    ],
  });
  const analysts = new iam.Role(stack, 'FinOpsAnalystRole', {
    assumedBy: new iam.AccountRootPrincipal(),
    description: 'FinOps analysts: query the cost and usage reports in Athena',
  });
  reports.grantRead(analysts);
  // Object ARNs under a prefix are wildcards by nature: the grant is scoped to the report prefix and the query results bucket.
  Validations.of(analysts).acknowledge(
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(reports.bucket.node.defaultChild as CfnElement)}.Arn>/cost-reports/*]`,
      reason: 'Analysts read every report file under the report prefix, and only there',
    },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(reports.queryResultsBucket.node.defaultChild as CfnElement)}.Arn>/*]`,
      reason: 'Athena writes each query\'s results under a new key of the query results bucket, which holds nothing else',
    },
  );
  return reports;
}
