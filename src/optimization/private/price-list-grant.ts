/**
 * What reading current EBS prices from the AWS Price List Query API takes: GetProducts only.
 * "The Resource types column of the Actions table indicates whether each action supports
 * resource-level permissions. If there is no value for this column, you must specify all resources
 * ("*")", and AWS Price List defines no resource type for it
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awspricelist.html).
 */
export const PRICE_LIST_ACTION = 'pricing:GetProducts';

/** Why `pricing:GetProducts` on `*` is acceptable, for cdk-nag's AwsSolutions-IAM5 finding. */
export const PRICE_LIST_WILDCARD_REASON = 'pricing:GetProducts supports no resource-level permissions (AWS Price List defines no resource type) '
  + 'and reads public prices only';
