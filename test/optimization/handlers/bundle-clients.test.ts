import * as path from 'path';
// esbuild is what projen bundles the handlers with; the test bundles them the same way.
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Bundles a handler as `npx projen bundle` does (SDK v3 external: the Lambda runtime provides it) and lists the clients it requires. */
function requiredClients(handler: string): string[] {
  const result = buildSync({
    entryPoints: [path.join(ROOT, 'src', 'optimization', `${handler}.lambda.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node24',
    tsconfig: path.join(ROOT, 'test', 'tsconfig.json'),
    external: ['@aws-sdk/*'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return [...new Set([...code.matchAll(/require\("@aws-sdk\/(client-[a-z0-9-]+)"\)/g)].map(match => match[1]))].sort();
}

// Every client a bundle requires is loaded when its Lambda starts cold, whether it is called or not.
// Metrics go out as embedded metric format log lines, so no handler loads CloudWatch to put them.
test.each([
  // Athena: the cost analysis's Athena mode (CostDataSource.athena) runs its queries there.
  ['cost-analysis', ['client-athena', 'client-cost-explorer', 'client-s3', 'client-sns']],
  ['rightsizing', ['client-compute-optimizer', 'client-cost-explorer', 'client-cost-optimization-hub', 'client-s3', 'client-sns']],
  ['commitments', ['client-cost-explorer', 'client-s3', 'client-sns']],
  // CloudWatch: the bucket storage source reads S3's daily storage metrics with GetMetricData.
  // Pricing: current EBS prices from the Price List Query API (the hand-copied table is the fallback).
  ['storage', ['client-cloudwatch', 'client-ec2', 'client-pricing', 'client-s3', 'client-sfn', 'client-sns']],
  // STS: an approved action in a member account runs through that account's executor role. S3: the realized-savings ledger.
  // Pricing: the saving an approval is checked against, at the Price List's current EBS prices.
  ['storage-action', ['client-ec2', 'client-pricing', 'client-s3', 'client-sts']],
  ['organization-targets', ['client-organizations', 'client-s3']],
  ['storage-scan', ['client-ec2', 'client-pricing', 'client-s3', 'client-sts']],
  // Cost Explorer: the business units, one paged request per run.
  ['storage-merge', ['client-cost-explorer', 'client-s3', 'client-sfn', 'client-sns']],
  ['approval-decision', ['client-sfn']],
])('the %s handler bundle requires only the SDK clients it calls', (handler, clients) => {
  expect(requiredClients(handler)).toEqual(clients);
});
