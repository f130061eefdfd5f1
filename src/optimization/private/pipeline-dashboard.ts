import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { OptimizerKind } from '../optimizer-kind';

/** What the dashboard graphs: the pipeline's public metric methods (OptimizationPipeline implements them). */
export interface PipelineMetrics {
  readonly metricNamespace: string;
  metricPotentialMonthlySavings(kind: OptimizerKind, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricOpportunityCount(kind: OptimizerKind, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricCostExplorerRequests(kind: OptimizerKind, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricFailedSources(kind: OptimizerKind, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricCostIncreasePercentage(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricReservationUtilizationPercentage(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricReservationCoveragePercentage(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricSavingsPlansUtilizationPercentage(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricSavingsPlansCoveragePercentage(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricAnomalyCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricAnomalyTotalImpact(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricRealizedMonthlySavings(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricSuccessRate(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricTimeToImplement(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

export interface PipelineDashboardProps {
  readonly metrics: PipelineMetrics;
  readonly kinds: readonly OptimizerKind[];
  readonly dashboardName?: string;
  /** The storage run confirms the changes an approval workflow executed: graph realized savings. */
  readonly realizedSavings?: boolean;
}

/**
 * "Billing metric data is stored in the US East (N. Virginia) Region and represents worldwide
 * charges", with the dimensions "Currency and ServiceName" (CloudWatch's billing metrics guide, as
 * quoted in https://www.elastic.co/guide/en/beats/metricbeat/7.7/metricbeat-metricset-aws-billing.html).
 * The widgets read it from us-east-1 whatever the stack's Region; refreshed several times a day.
 */
const BILLING_REGION = 'us-east-1';
const BILLING_PERIOD = Duration.hours(6);
const DAY = Duration.days(1);

/**
 * The pipeline's dashboard, the seed's four views, each a row under a text header: cost overview,
 * optimization opportunities (and, with an approval workflow, realized savings), RI and Savings Plans
 * utilization and coverage, anomalies. Every widget reads CloudWatch metrics (the optimizers' and
 * AWS/Billing): opening the dashboard never calls Cost Explorer, so it costs no Cost Explorer request.
 */
export function createPipelineDashboard(scope: Construct, id: string, props: PipelineDashboardProps): cloudwatch.Dashboard {
  const { metrics, kinds } = props;
  const dashboard = new cloudwatch.Dashboard(scope, id, { dashboardName: props.dashboardName });
  const header = (markdown: string) => new cloudwatch.TextWidget({ markdown, width: 24, height: 1 });

  dashboard.addWidgets(header('## Cost overview'));
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Estimated charges this month (USD, AWS/Billing)',
      left: [new cloudwatch.Metric({
        namespace: 'AWS/Billing',
        metricName: 'EstimatedCharges',
        dimensionsMap: { Currency: 'USD' },
        region: BILLING_REGION,
        statistic: cloudwatch.Stats.MAXIMUM,
        period: BILLING_PERIOD,
        label: 'Total',
      })],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Estimated charges by service (USD, AWS/Billing)',
      left: [new cloudwatch.MathExpression({
        expression: `SEARCH('{AWS/Billing,Currency,ServiceName} MetricName="EstimatedCharges" Currency="USD"', 'Maximum', ${BILLING_PERIOD.toSeconds()})`,
        searchRegion: BILLING_REGION,
        period: BILLING_PERIOD,
        label: '',
      })],
      width: 8,
    }),
    ...kinds.includes(OptimizerKind.COST_ANALYSIS)
      ? [new cloudwatch.GraphWidget({ title: 'Cost change over the period before (%)', left: [metrics.metricCostIncreasePercentage({ label: 'cost analysis' })], width: 8 })]
      : [],
  );

  dashboard.addWidgets(header('## Optimization opportunities'));
  const byType = (metricName: string) => new cloudwatch.MathExpression({
    expression: `SEARCH('{${metrics.metricNamespace},Optimizer,OpportunityType} MetricName="${metricName}"', 'Maximum', ${DAY.toSeconds()})`,
    period: DAY,
    label: '',
  });
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Potential monthly savings (USD) by optimizer',
      left: kinds.map((kind) => metrics.metricPotentialMonthlySavings(kind, { label: kind })),
      width: 12,
    }),
    new cloudwatch.GraphWidget({ title: 'Potential monthly savings (USD) by opportunity type', left: [byType('PotentialMonthlySavings')], width: 12 }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({ title: 'Opportunities by optimizer', left: kinds.map((kind) => metrics.metricOpportunityCount(kind, { label: kind })), width: 6 }),
    new cloudwatch.GraphWidget({ title: 'Opportunities by opportunity type', left: [byType('OpportunityCount')], width: 6 }),
    new cloudwatch.GraphWidget({
      title: 'Cost Explorer requests (0.01 USD each)',
      left: kinds.map((kind) => metrics.metricCostExplorerRequests(kind, { label: kind })),
      width: 6,
    }),
    new cloudwatch.GraphWidget({ title: 'Failed sources', left: kinds.map((kind) => metrics.metricFailedSources(kind, { label: kind })), width: 6 }),
  );

  if (props.realizedSavings) {
    dashboard.addWidgets(header('## Realized savings (executed changes confirmed by the storage run)'));
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Realized monthly savings (USD)',
        left: [metrics.metricRealizedMonthlySavings({ label: 'confirmed' })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Success rate (% of settled changes confirmed)',
        left: [metrics.metricSuccessRate({ label: 'success rate' })],
        leftYAxis: { min: 0, max: 100, label: '%', showUnits: false },
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Time to implement (seconds from approval request to change)',
        left: [metrics.metricTimeToImplement({ label: 'average' }), metrics.metricTimeToImplement({ label: 'p90', statistic: 'p90' })],
        width: 8,
      }),
    );
  }

  if (kinds.includes(OptimizerKind.COMMITMENTS)) {
    const percent = { min: 0, max: 100, label: '%', showUnits: false };
    dashboard.addWidgets(header('## Reserved Instances and Savings Plans (last month, from the commitments run)'));
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Utilization (%)',
        left: [
          metrics.metricReservationUtilizationPercentage({ label: 'Reserved Instances' }),
          metrics.metricSavingsPlansUtilizationPercentage({ label: 'Savings Plans' }),
        ],
        leftYAxis: percent,
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Coverage (%)',
        left: [
          metrics.metricReservationCoveragePercentage({ label: 'Reserved Instances' }),
          metrics.metricSavingsPlansCoveragePercentage({ label: 'Savings Plans' }),
        ],
        leftYAxis: percent,
        width: 12,
      }),
    );
  }

  if (kinds.includes(OptimizerKind.COST_ANALYSIS)) {
    dashboard.addWidgets(header('## Cost anomalies (the cost analysis\'s period, from Cost Anomaly Detection)'));
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Anomalies', left: [metrics.metricAnomalyCount({ label: 'anomalies' })], width: 12 }),
      new cloudwatch.GraphWidget({ title: 'Anomalies\' total impact (USD)', left: [metrics.metricAnomalyTotalImpact({ label: 'total impact' })], width: 12 }),
    );
  }
  return dashboard;
}
