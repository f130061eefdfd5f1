import {
  CFN_MAX_OUTPUTS,
  CFN_MAX_PARAMETERS,
  CFN_MAX_RESOURCES,
  CFN_MAX_TEMPLATE_BYTES,
} from '../limits/cloudformation';
import { RuleViolation, violationsOf } from '../validation';

/** The sections of a rendered CloudFormation template that count against its quotas. */
export interface RenderedTemplate {
  readonly Resources?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
}

/**
 * The CloudFormation quotas a rendered template breaks. `templateBytes` is the size of the
 * template as written to the cloud assembly (and uploaded to S3).
 */
export function templateLimitViolations(template: RenderedTemplate, templateBytes: number, fix: string): RuleViolation[] {
  return violationsOf(
    checkQuota(Object.keys(template.Resources ?? {}).length, CFN_MAX_RESOURCES, 'resources in a template', fix),
    checkQuota(Object.keys(template.Outputs ?? {}).length, CFN_MAX_OUTPUTS, 'outputs in a template', fix),
    checkQuota(Object.keys(template.Parameters ?? {}).length, CFN_MAX_PARAMETERS, 'parameters in a template', fix),
    checkQuota(templateBytes, CFN_MAX_TEMPLATE_BYTES, 'bytes in a template uploaded to S3', fix),
  );
}

function checkQuota(figure: number, limit: number, what: string, fix: string): RuleViolation | undefined {
  if (figure <= limit) {
    return undefined;
  }
  return { value: figure, rule: `CloudFormation allows at most ${limit} ${what}`, fix };
}
