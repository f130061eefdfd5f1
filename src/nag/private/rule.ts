import { CfnResource, Stack } from 'aws-cdk-lib';
// From cdk-nag's own module, not its index, which loads every rule of every pack (see finops-checks.ts).
import { NagMessageLevel, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { IConstruct } from 'constructs';

/** The pack name: rule ids are "FinOps-<suffix>", acknowledged as "FinOps::FinOps-<suffix>". */
export const FINOPS_PACK_NAME = 'FinOps';

/** What a rule may read besides the resource: the pack's configuration and facts about the whole app. */
export interface RuleContext {
  /** Tag keys every taggable resource must carry. */
  readonly requiredTagKeys: readonly string[];
  /** The app-wide facts of the tree the resource belongs to, scanned once per validation run. */
  appScan(root: IConstruct): AppScan;
}

/** Facts about a whole app that per-resource rules need. */
export interface AppScan {
  /** The resource that carries app-wide findings: the first CfnResource in construct-tree order (CDK metadata aside). */
  readonly anchor?: CfnResource;
  /** The resource types the app declares. */
  readonly resourceTypes: ReadonlySet<string>;
}

/** The CDK's own analytics resource: never the anchor of a finding that people must act on. */
const CDK_METADATA_RESOURCE_TYPE = 'AWS::CDK::Metadata';

/** Scans a construct tree (depth first, the order cdk-nag walks it). */
export function scanApp(root: IConstruct): AppScan {
  const resources = root.node.findAll().filter(CfnResource.isCfnResource);
  const anchor = resources.find((resource) => resource.cfnResourceType !== CDK_METADATA_RESOURCE_TYPE);
  return { anchor, resourceTypes: new Set(resources.map((resource) => resource.cfnResourceType)) };
}

/** One FinOps rule: its id, what the finding says, why it matters and how to fix it, and the check. */
export interface FinOpsRuleDefinition {
  /** The rule id after the pack name: "FinOps-<suffix>". */
  readonly suffix: string;
  /** One line: what is wrong. Shown for every finding. */
  readonly info: string;
  /** Why it costs money and how to fix it. Shown in verbose mode and in the review. */
  readonly explanation: string;
  readonly level: NagMessageLevel;
  check(node: CfnResource, context: RuleContext): NagRuleResult;
}

/** The value with every token the stack can resolve resolved (references stay intrinsics). */
export function resolved(node: CfnResource, value: unknown): any {
  return Stack.of(node).resolve(value);
}

/** True when the resolved value is a literal string (not a { Ref } or other intrinsic). */
export function isLiteral(value: unknown): value is string {
  return typeof value === 'string';
}
