import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { readable, SynthesizedStack, TemplateResource } from './template';

/** A resource the rules could not check, and why (one line). */
export interface UncheckedResource {
  readonly resource: TemplateResource;
  readonly reason: string;
}

/** The typed L1s of one stack, by logical ID, and the resources that could not be turned into one. */
export interface IncludedStack {
  readonly byLogicalId: Map<string, CfnResource>;
  readonly unchecked: UncheckedResource[];
}

/**
 * Loads a stack's template into the app with aws-cdk-lib's cloudformation-include, which turns every resource
 * into its typed L1 (tags included) so that the FinOps rule pack applies to it as it does in a CDK app.
 *
 * The include refuses some templates CloudFormation takes: a GetAtt of a resource a transform adds (SAM's
 * implicit roles and APIs), Fn::ForEach, tags in a shape the L1 does not parse. Then each resource is
 * included on its own from the template as read (loops expanded): first with its references to other
 * resources put in words, then with every intrinsic function put in words; a resource neither attempt
 * loads is returned as unchecked with the include's reason. A template that CloudFormation itself refuses
 * (an Fn::If on a condition it does not declare) stays an error.
 */
export function includeStack(app: App, id: string, stack: SynthesizedStack): IncludedStack {
  const whole = tryInclude(app, id, stack.templateFile!);
  if (!(whole instanceof Error)) {
    return { byLogicalId: whole, unchecked: [] };
  }
  const template = stack.template ?? {};
  const undeclared = undeclaredCondition(template);
  if (undeclared !== undefined) {
    throw whole;
  }
  const byLogicalId = new Map<string, CfnResource>();
  const unchecked: UncheckedResource[] = [];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finops-review-'));
  try {
    stack.resources.forEach((resource, index) => {
      let reason = '';
      for (const [attempt, detach] of DETACHMENTS.entries()) {
        const file = path.join(workDir, `${index}-${attempt}.json`);
        fs.writeFileSync(file, JSON.stringify(isolatedTemplate(template, resource.logicalId, detach)));
        const included = tryInclude(app, `${id}R${index}A${attempt}`, file);
        if (!(included instanceof Error)) {
          included.forEach((l1, logicalId) => byLogicalId.set(logicalId, l1));
          return;
        }
        reason ||= firstLine(included);
      }
      unchecked.push({ resource, reason });
    });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  return { byLogicalId, unchecked };
}

/** Includes one template file in a stack of its own; on failure the partial stack is removed and the error returned. */
function tryInclude(app: App, id: string, templateFile: string): Map<string, CfnResource> | Error {
  const scope = new Stack(app, id);
  try {
    new CfnInclude(scope, 'Template', { templateFile });
    const byLogicalId = new Map<string, CfnResource>();
    for (const resource of scope.node.findAll().filter(CfnResource.isCfnResource)) {
      byLogicalId.set(scope.resolve(resource.logicalId), resource);
    }
    return byLogicalId;
  } catch (error) {
    app.node.tryRemoveChild(id);
    return error instanceof Error ? error : new Error(String(error));
  }
}

type Detachment = (value: unknown, resourceIds: ReadonlySet<string>) => unknown;

/** The two ways a resource is cut loose from its template, gentlest first. */
const DETACHMENTS: readonly Detachment[] = [
  (value, resourceIds) => inWords(value, (name, argument) =>
    (name === 'Ref' && resourceIds.has(argument as string)) || name === 'Fn::GetAtt'),
  (value) => listShapedTags(inWords(value, (name) => name === 'Ref' || name.startsWith('Fn::'))),
];

/** One resource with the template's parameters, conditions and mappings; dependencies dropped, properties detached. */
function isolatedTemplate(template: Record<string, any>, logicalId: string, detach: Detachment): object {
  const resourceIds = new Set(Object.keys(template.Resources ?? {}));
  const { Type, Properties, Condition, Metadata } = template.Resources[logicalId];
  return {
    Parameters: template.Parameters,
    Conditions: template.Conditions,
    Mappings: template.Mappings,
    Resources: { [logicalId]: { Type, Properties: detach(Properties, resourceIds), Condition, Metadata } },
  };
}

/** The value with the intrinsic functions that `put` selects replaced by their words (a string, as most references are). */
function inWords(value: unknown, put: (name: string, argument: unknown) => boolean): unknown {
  if (Array.isArray(value)) {
    return value.map((inner) => inWords(inner, put));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const entries = Object.entries(value);
  if (entries.length === 1 && put(entries[0][0], entries[0][1])) {
    return readable(value);
  }
  return Object.fromEntries(entries.map(([key, inner]) => [key, inWords(inner, put)]));
}

/** Tags written as a map ({ team: "a" }), as SAM and some tools write them, in the list shape most resources declare. */
function listShapedTags(properties: unknown): unknown {
  const tags = (properties as any)?.Tags;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    return properties;
  }
  return { ...(properties as object), Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}

/** The first Fn::If condition in the resources or outputs that the template does not declare. */
function undeclaredCondition(template: Record<string, any>): string | undefined {
  const declared = template.Conditions ?? {};
  let found: string | undefined;
  const visit = (value: unknown): void => {
    if (found !== undefined || typeof value !== 'object' || value === null) {
      return;
    }
    const condition = (value as any)['Fn::If']?.[0];
    if (typeof condition === 'string' && !(condition in declared)) {
      found = condition;
      return;
    }
    Object.values(value).forEach(visit);
  };
  visit([template.Resources, template.Outputs]);
  return found;
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0];
}
