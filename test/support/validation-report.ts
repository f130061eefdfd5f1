import * as fs from 'fs';
import * as path from 'path';

interface ValidationReport {
  readonly pluginReports: Array<{ pluginName: string; violations: Array<{ ruleName: string; description: string }> }>;
}

/**
 * What aws-cdk-lib's built-in CloudFormation validation found in a cloud assembly, as `rule: description`
 * lines, read from the report synthesis writes next to the templates. The validation only warns
 * (unless @aws-cdk/core:validateAgainstDefaultRules is set), so tests check this report instead.
 */
export function cloudFormationValidationFindings(assemblyDirectory: string): string[] {
  const report: ValidationReport = JSON.parse(fs.readFileSync(path.join(assemblyDirectory, 'validation-report.json'), 'utf8'));
  return report.pluginReports
    .filter((pluginReport) => pluginReport.pluginName === 'CloudFormation Validate')
    .flatMap((pluginReport) => pluginReport.violations.map((violation) => `${violation.ruleName}: ${violation.description}`));
}
