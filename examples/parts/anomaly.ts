import { Stack } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { AnomalyAlertFrequency, AnomalySubscription, AnomalyThreshold, CostAnomalyMonitor, CostFilter } from '../../src';

/** The cost category (and its value) that the cost-categories part of the example defines. */
const BUSINESS_UNIT_CATEGORY = 'business-unit';
const PRODUCTION = 'Production';

/** Two member accounts of the example organization watched together. */
const SHARED_SERVICES_ACCOUNTS = ['222222222222', '333333333333'];

/**
 * The anomaly part of the example FinOps app: the account's AWS services monitor with an immediate
 * alert for big and steep anomalies and a daily email digest, and custom monitors over the
 * Production business unit (a cost category) and two member accounts, sharing a weekly digest.
 */
export function addAnomalyDetection(stack: Stack): void {
  const awsServices = new CostAnomalyMonitor(stack, 'AwsServicesMonitor', {
    monitorName: 'aws-services',
    subscriptions: [
      {
        subscriptionName: 'aws-services-immediate',
        frequency: AnomalyAlertFrequency.IMMEDIATE,
        threshold: AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10)),
      },
      {
        subscriptionName: 'aws-services-daily',
        frequency: AnomalyAlertFrequency.DAILY,
        threshold: AnomalyThreshold.absoluteImpact(25),
        emails: ['finops@example.com'],
      },
    ],
  });
  // IMMEDIATE alerts go to the monitor's topic: someone must read it, or they reach nobody.
  awsServices.alertTopic!.addSubscription(new subscriptions.EmailSubscription('finops@example.com'));

  const production = new CostAnomalyMonitor(stack, 'ProductionMonitor', {
    monitorName: 'business-unit-production',
    costFilter: CostFilter.costCategory(BUSINESS_UNIT_CATEGORY, [PRODUCTION]),
  });
  dependOnCostCategory(production, BUSINESS_UNIT_CATEGORY);
  const sharedServices = new CostAnomalyMonitor(stack, 'SharedServicesMonitor', {
    monitorName: 'shared-services-accounts',
    costFilter: CostFilter.linkedAccounts(SHARED_SERVICES_ACCOUNTS),
  });

  new AnomalySubscription(stack, 'CustomMonitorsWeekly', {
    subscriptionName: 'custom-monitors-weekly',
    monitors: [production, sharedServices],
    frequency: AnomalyAlertFrequency.WEEKLY,
    threshold: AnomalyThreshold.anyOf(AnomalyThreshold.absoluteImpact(500), AnomalyThreshold.percentageImpact(20)),
    emails: ['finops@example.com', 'production-leads@example.com'],
  });
}

/** A monitor of a cost category is created after the category, when the same stack defines it. */
function dependOnCostCategory(monitor: CostAnomalyMonitor, categoryName: string): void {
  Stack.of(monitor)
    .node.findAll()
    .filter((construct): construct is ce.CfnCostCategory => construct instanceof ce.CfnCostCategory && construct.name === categoryName)
    .forEach((category) => monitor.node.addDependency(category));
}
