/**
 * AWS CloudFormation quotas checked at synth for every stack this library emits.
 *
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */

/** "Resources: Maximum number of resources that you can declare in your CloudFormation template. 500." */
export const CFN_MAX_RESOURCES = 500;

/** "Outputs: Maximum number of outputs that you can declare in your CloudFormation template. 200." */
export const CFN_MAX_OUTPUTS = 200;

/** "Parameters: Maximum number of parameters that you can declare in your CloudFormation template. 200." */
export const CFN_MAX_PARAMETERS = 200;

/**
 * "Template body size in an Amazon S3 object: 1 MB" (1,048,576 bytes). Nested stack templates
 * and templates larger than 51,200 bytes are always deployed from S3 by the CDK.
 */
export const CFN_MAX_TEMPLATE_BYTES = 1_048_576;
