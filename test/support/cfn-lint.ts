import { execFileSync } from 'child_process';

/**
 * Runs cfn-lint (CloudFormation's resource schemas and rules) over template files, as
 * scripts/lint-templates.sh does, and returns its findings ("" when the templates pass).
 * W3005 is ignored for the reason given in that script.
 */
export function cfnLintFindings(templateFiles: string[]): string {
  try {
    execFileSync('cfn-lint', ['--ignore-checks', 'W3005', '--', ...templateFiles], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    return failure.stdout || failure.stderr || failure.message;
  }
}
