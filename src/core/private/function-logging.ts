import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';

/**
 * How every function the library creates logs: in its own log group (kept for the retention the
 * construct sets), in Lambda's JSON log format.
 *
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html: "Unless your
 * development workflow relies on existing tooling that consumes Lambda logs in plain text, we
 * recommend that you select JSON for your log format", and "For supported runtimes, if your function
 * uses a supported logging library or method, you don't need to make any changes to your existing
 * code for Lambda to capture logs in structured JSON" (Node.js 16 and later). The handlers log
 * objects with console methods, which the Node.js runtime keeps as the `message` object of its JSON
 * line, next to `timestamp`, `level` and `requestId` (aws-lambda-nodejs-runtime-interface-client,
 * src/logging/formatter.ts `formatJsonMessage`); their metrics are embedded metric format lines
 * written to stdout directly (see the runtime's `publishMetrics`). Log levels stay Lambda's defaults.
 */
export function jsonLogging(logGroup: logs.ILogGroup): Pick<lambda.FunctionOptions, 'logGroup' | 'loggingFormat'> {
  // The enum's value, not the enum: a budget imports this module, and loading aws-lambda for it
  // would cost every app with budgets the time of that module (see test/budgets/finops-budget.load.test.ts).
  return { logGroup, loggingFormat: 'JSON' as lambda.LoggingFormat.JSON };
}
