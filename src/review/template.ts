import * as fs from 'fs';
import * as path from 'path';
import { expandForEachLoops } from './language-extensions';
import { parseYamlTemplate } from './yaml-template';

/** A CloudFormation resource as it stands in a synthesized template. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, any>;
  /**
   * The construct path from the template's aws:cdk:path metadata without the "/Resource" that L2
   * constructs add (the path of the construct the code declares), else the logical ID: how people find the resource in code.
   */
  readonly path: string;
  /** The template condition the resource is created under ("only when IsProd"); undefined when it always exists. */
  readonly condition?: string;
  /** The resource's template Metadata (cdk_nag acknowledgements among them). */
  readonly metadata?: Record<string, any>;
}

/** A synthesized stack: its name and resources. */
export interface SynthesizedStack {
  readonly stackName: string;
  readonly resources: TemplateResource[];
  /** The template file, for stacks read from a cloud assembly or given as a file. */
  readonly templateFile?: string;
  /** The template as read, Fn::ForEach loops expanded: parameters, conditions, mappings for the rules that need them. */
  readonly template?: Record<string, any>;
  /**
   * Stack-level tags: the manifest's `tags` of the stack artifact (what `new Stack(app, id, { tags })` writes), which
   * CloudFormation applies to every resource of the stack that supports tags, and to its nested stacks.
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** What the review could not read in the template, one line each, with the reason. */
  readonly unread?: readonly string[];
  /** Logical IDs of the nested stacks (AWS::CloudFormation::Stack) whose templates were read as stacks of their own. */
  readonly nestedStacksRead?: readonly string[];
  /**
   * The member templates of the stack's StackSets (AWS::CloudFormation::StackSet) that were read, by the StackSet's
   * logical ID; each is also reviewed as a stack of its own, named "<stack>/<logical ID> (member accounts)".
   */
  readonly memberTemplates?: Readonly<Record<string, SynthesizedStack>>;
  /** For a StackSet's member template: the stack and the logical ID of the StackSet that deploys it. */
  readonly deployedBy?: { readonly stackName: string; readonly logicalId: string };
}

/** The input cannot be reviewed: a file of the assembly is missing, is not JSON, or is not shaped as its kind of file. */
export class UnusableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableInputError';
  }
}

/** Reads every stack template of a cloud assembly directory (cdk.out), nested assemblies included. */
export function readAssembly(assemblyDir: string): SynthesizedStack[] {
  const manifestFile = path.join(assemblyDir, 'manifest.json');
  const manifest = readJsonObject(manifestFile, 'cloud assembly manifest');
  const artifacts = optionalObject(manifest.artifacts, manifestFile, 'artifacts');
  const childTemplates = childTemplateFiles(assemblyDir, artifacts);
  const stacks: SynthesizedStack[] = [];
  for (const [artifactId, artifact] of Object.entries<any>(artifacts)) {
    if (artifact?.type === 'aws:cloudformation:stack') {
      const templateFile = path.join(assemblyDir, requiredString(artifact.properties?.templateFile, manifestFile, `artifacts.${artifactId}.properties.templateFile`));
      const template = readJsonObject(templateFile, 'stack template');
      const tags = stackTagsOf(artifact.properties?.tags, manifestFile, artifactId);
      const stack = { ...stackFromTemplate(artifact.displayName ?? artifactId, template, templateFile), templateFile, tags };
      stacks.push(...withChildStacks(stack, childTemplates));
    } else if (artifact?.type === 'cdk:cloud-assembly') {
      stacks.push(...readAssembly(path.join(assemblyDir, requiredString(artifact.properties?.directoryName, manifestFile, `artifacts.${artifactId}.properties.directoryName`))));
    }
  }
  return stacks;
}

/**
 * Nested stack templates (`.nested.template.json`) and StackSet member templates (`.stackset.template.json`), by the
 * S3 object key their parent's TemplateURL ends with (read from the asset manifests).
 */
function childTemplateFiles(assemblyDir: string, artifacts: Record<string, any>): Map<string, string> {
  const files = new Map<string, string>();
  for (const [artifactId, artifact] of Object.entries<any>(artifacts)) {
    if (artifact?.type !== 'cdk:asset-manifest') {
      continue;
    }
    const assetManifestFile = path.join(assemblyDir, requiredString(artifact.properties?.file, path.join(assemblyDir, 'manifest.json'), `artifacts.${artifactId}.properties.file`));
    const assets = readJsonObject(assetManifestFile, 'asset manifest');
    for (const asset of Object.values<any>(optionalObject(assets.files, assetManifestFile, 'files'))) {
      if (/\.(nested|stackset)\.template\.json$/.test(String(asset?.source?.path ?? ''))) {
        for (const destination of Object.values<any>(asset.destinations ?? {})) {
          files.set(destination.objectKey, path.join(assemblyDir, asset.source.path));
        }
      }
    }
  }
  return files;
}

/**
 * A stack followed by its nested stacks (AWS::CloudFormation::Stack) and its StackSets' member templates
 * (AWS::CloudFormation::StackSet) at any depth. A nested stack is named "<parent>/<logical ID>" and carries the
 * stack-level tags of its parent (CloudFormation propagates stack tags to nested stacks); a member template is named
 * "<parent>/<logical ID> (member accounts)" and carries the StackSet's own tags (the stacks a StackSet creates get
 * the StackSet's tags, not those of the stack that declares it). The stack records which were read, so that the
 * others can be named in the review.
 */
function withChildStacks(parent: SynthesizedStack, childTemplates: Map<string, string>): SynthesizedStack[] {
  const nested = parent.resources
    .filter((resource) => resource.type === 'AWS::CloudFormation::Stack')
    .flatMap((resource) => {
      const templateFile = childTemplateFile(resource, childTemplates);
      if (templateFile === undefined) {
        return [];
      }
      const template = readJsonObject(templateFile, 'nested stack template');
      return [{ ...stackFromTemplate(`${parent.stackName}/${resource.logicalId}`, template, templateFile), templateFile, tags: parent.tags, logicalId: resource.logicalId }];
    });
  const members = parent.resources
    .filter((resource) => resource.type === 'AWS::CloudFormation::StackSet')
    .flatMap((resource): SynthesizedStack[] => {
      const stackName = `${parent.stackName}/${resource.logicalId} (member accounts)`;
      const deployedBy = { stackName: parent.stackName, logicalId: resource.logicalId };
      const tags = literalTags(resource.properties.Tags);
      if (typeof resource.properties.TemplateBody === 'string') {
        const source = `${parent.templateFile ?? parent.stackName}: Resources.${resource.logicalId}.Properties.TemplateBody`;
        const template = parseTemplateText(resource.properties.TemplateBody, source);
        return [{ ...stackFromTemplate(stackName, template, source), deployedBy, ...(tags ? { tags } : {}) }];
      }
      const templateFile = childTemplateFile(resource, childTemplates);
      if (templateFile === undefined) {
        return [];
      }
      const template = readJsonObject(templateFile, 'StackSet member template');
      return [{ ...stackFromTemplate(stackName, template, templateFile), templateFile, deployedBy, ...(tags ? { tags } : {}) }];
    });
  const nestedStacksRead = nested.map(({ logicalId }) => logicalId);
  const memberTemplates = Object.fromEntries(members.map((member) => [member.deployedBy!.logicalId, member]));
  return [
    { ...parent, nestedStacksRead, memberTemplates },
    ...[...nested.map(({ logicalId: _logicalId, ...stack }) => stack), ...members].flatMap((stack) => withChildStacks(stack, childTemplates)),
  ];
}

/** The assembly file a nested stack's or StackSet's TemplateURL points at, undefined when it is not in the assembly. */
function childTemplateFile(resource: TemplateResource, childTemplates: Map<string, string>): string | undefined {
  const templateUrl = JSON.stringify(resource.properties.TemplateURL ?? '');
  const objectKey = [...childTemplates.keys()].find((key) => templateUrl.includes(key));
  return objectKey === undefined ? undefined : childTemplates.get(objectKey);
}

/** A resource's Tags when they are a literal list of { Key, Value }, as a map; undefined otherwise. */
function literalTags(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags) || tags.length === 0 || !tags.every((tag) => typeof tag?.Key === 'string' && typeof tag?.Value === 'string')) {
    return undefined;
  }
  return Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
}

/** The stack artifact's `tags` property: a map of tag key to value (absent when the stack has none). */
function stackTagsOf(tags: unknown, manifestFile: string, artifactId: string): Record<string, string> | undefined {
  if (tags === undefined) {
    return undefined;
  }
  const entries = Object.entries(optionalObject(tags, manifestFile, `artifacts.${artifactId}.properties.tags`));
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

/**
 * The stacks to review from what the command was given: a cloud assembly directory (cdk.out), or one
 * CloudFormation template file, JSON or YAML, reviewed as one stack named after the file.
 */
export function readInput(input: string): SynthesizedStack[] {
  if (fs.statSync(input, { throwIfNoEntry: false })?.isFile()) {
    const template = readTemplateFile(input);
    const stackName = path.basename(input).replace(/\.(template\.)?(json|ya?ml|template)$/i, '');
    return [{ ...stackFromTemplate(stackName, template, input), templateFile: input }];
  }
  return readAssembly(input);
}

/** A template file in JSON or in YAML (CloudFormation short tags such as !Ref and !Sub included). */
export function readTemplateFile(file: string): Record<string, any> {
  return parseTemplateText(readText(file, 'template'), file);
}

/** A template's text in JSON or in YAML; `source` says where it was read, for errors. */
function parseTemplateText(text: string, file: string): Record<string, any> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (jsonError) {
    try {
      parsed = parseYamlTemplate(text);
    } catch (yamlError) {
      throw new UnusableInputError(`${file}: the template is neither JSON (${(jsonError as Error).message}) nor YAML (${(yamlError as Error).message.split('\n')[0]})`);
    }
  }
  if (!isPlainObject(parsed)) {
    throw new UnusableInputError(`${file}: the template is ${JSON.stringify(parsed)}, not an object`);
  }
  return parsed;
}

/**
 * The resources of one template. A template without Resources has none; anything else that is not
 * shaped as a CloudFormation template (Resources not an object, a resource without a Type) is
 * unusable input, reported with where it was read from.
 */
export function stackFromTemplate(stackName: string, template: any, source: string = stackName): SynthesizedStack {
  const { resources: declared, unread } = expandForEachLoops(optionalObject(template.Resources, source, 'Resources'), template.Parameters);
  const expanded = { ...template, Resources: declared };
  const declaredConditions = optionalObject(template.Conditions, source, 'Conditions');
  const resources = Object.entries<any>(declared).map(([logicalId, resource]) => {
    if (!isPlainObject(resource)) {
      throw new UnusableInputError(`${source}: Resources.${logicalId} is ${JSON.stringify(resource)}, not a resource object`);
    }
    const condition = resource.Condition;
    if (condition !== undefined && (typeof condition !== 'string' || !(condition in declaredConditions))) {
      // CloudFormation refuses such a template: "Template format error: Unresolved dependencies".
      throw new UnusableInputError(`${source}: Resources.${logicalId}.Condition ${JSON.stringify(condition)} is not a condition the template declares`);
    }
    return {
      logicalId,
      type: requiredString(resource.Type, source, `Resources.${logicalId}.Type`),
      properties: optionalObject(resource.Properties, source, `Resources.${logicalId}.Properties`),
      path: typeof resource.Metadata?.['aws:cdk:path'] === 'string' ? resource.Metadata['aws:cdk:path'].replace(/\/Resource$/, '') : logicalId,
      ...(condition !== undefined ? { condition } : {}),
      ...(isPlainObject(resource.Metadata) ? { metadata: resource.Metadata } : {}),
    };
  });
  return { stackName, resources, template: expanded, ...(unread.length > 0 ? { unread } : {}) };
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf-8');
  } catch (error) {
    throw new UnusableInputError(`${file}: cannot read the ${what} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function readJsonObject(file: string, what: string): Record<string, any> {
  const text = readText(file, what);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UnusableInputError(`${file}: the ${what} is not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(parsed)) {
    throw new UnusableInputError(`${file}: the ${what} is ${JSON.stringify(parsed)}, not a JSON object`);
  }
  return parsed;
}

function optionalObject(value: unknown, file: string, where: string): Record<string, any> {
  if (value === undefined) {
    return {};
  }
  if (!isPlainObject(value)) {
    throw new UnusableInputError(`${file}: ${where} is ${JSON.stringify(value)}, not an object`);
  }
  return value;
}

function requiredString(value: unknown, file: string, where: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new UnusableInputError(`${file}: ${where} is ${value === undefined ? 'missing' : JSON.stringify(value)}, not a name`);
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Renders a template value for people: references become <LogicalId>, joins are joined, a condition
 * reads "(IsProd ? a : b)", other intrinsic functions read as what they compute. Values of a shape
 * the function does not expect print as JSON.
 */
export function readable(value: unknown): string {
  if (value === undefined || value === null) {
    return '-';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.map(readable).join(', ');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const [name, argument] = entries.length === 1 ? entries[0] : [];
  return (name !== undefined && INTRINSIC_RENDERERS[name]?.(argument)) || JSON.stringify(value);
}

const NO_VALUE = '(no value)';

/** Each intrinsic function as people read it; undefined when its argument is not shaped as documented. */
const INTRINSIC_RENDERERS: Readonly<Record<string, (argument: any) => string | undefined>> = {
  'Ref': (name) => (name === 'AWS::NoValue' ? NO_VALUE : typeof name === 'string' ? `<${name}>` : undefined),
  'Fn::GetAtt': (target) => `<${[].concat(target).map(readable).join('.')}>`,
  'Fn::Join': (argument) => (Array.isArray(argument) && Array.isArray(argument[1]) ? argument[1].map(readable).join(String(argument[0])) : undefined),
  'Fn::If': (argument) =>
    Array.isArray(argument) && argument.length === 3 ? `(${argument[0]} ? ${branch(argument[1])} : ${branch(argument[2])})` : undefined,
  'Fn::Sub': (argument) => {
    const [text, variables] = typeof argument === 'string' ? [argument, {}] : Array.isArray(argument) ? argument : [];
    return typeof text === 'string'
      ? text
        .replace(/\$\{([^}!][^}]*)\}/g, (_placeholder, variable: string) => (variables?.[variable] !== undefined ? readable(variables[variable]) : `<${variable}>`))
        .replace(/\$\{!/g, '${')
      : undefined;
  },
  'Fn::Select': (argument) => (Array.isArray(argument) ? `<item ${readable(argument[0])} of (${readable(argument[1])})>` : undefined),
  'Fn::Split': (argument) => (Array.isArray(argument) ? `<(${readable(argument[1])}) split at "${readable(argument[0])}">` : undefined),
  'Fn::FindInMap': (argument) => (Array.isArray(argument) ? `<${argument.map(readable).join('.')}>` : undefined),
  'Fn::ImportValue': (name) => `<export ${readable(name)}>`,
  'Fn::GetAZs': (region) => `<availability zones of ${readable(region) || '<AWS::Region>'}>`,
  'Fn::Base64': (text) => readable(text),
  'Fn::Equals': (argument) => (Array.isArray(argument) && argument.length === 2 ? `${readable(argument[0])} = ${readable(argument[1])}` : undefined),
  'Fn::Not': (argument) => (Array.isArray(argument) && argument.length === 1 ? `not (${readable(argument[0])})` : undefined),
  'Fn::And': (argument) => (Array.isArray(argument) ? argument.map((inner) => `(${readable(inner)})`).join(' and ') : undefined),
  'Fn::Or': (argument) => (Array.isArray(argument) ? argument.map((inner) => `(${readable(inner)})`).join(' or ') : undefined),
  'Condition': (name) => (typeof name === 'string' ? name : undefined),
  'Fn::Length': (list) => `<length of (${readable(list)})>`,
  'Fn::ToJsonString': (value) => `<JSON of (${readable(value)})>`,
  'Fn::Cidr': (argument) => (Array.isArray(argument) ? `<${readable(argument[1])} CIDR blocks of ${readable(argument[0])}>` : undefined),
};

/** "(only when IsProd)" after a resource created under a template condition; nothing for a resource that always exists. */
export function onlyWhen(resource: TemplateResource): string {
  return resource.condition === undefined ? '' : ` (only when ${resource.condition})`;
}

/** The `condition` fact of a review item: empty for a resource that always exists. */
export function conditionFact(resource: TemplateResource): Record<string, string[]> {
  return resource.condition === undefined ? {} : { condition: [`only when ${resource.condition}`] };
}

/** One branch of an Fn::If: no value and empty lists say so. */
function branch(value: unknown): string {
  return readable(value) || NO_VALUE;
}

/** Where a resource's properties depend on a condition (Fn::If), as "<LogicalId>.<path> = (Condition ? a : b)". */
export function conditionalProperties(resource: TemplateResource): string[] {
  const found: string[] = [];
  const visit = (value: unknown, where: string): void => {
    if (typeof value !== 'object' || value === null) {
      return;
    }
    if (!Array.isArray(value) && 'Fn::If' in value) {
      found.push(`${where} = ${readable(value)}`);
      return;
    }
    Object.entries(value).forEach(([key, inner]) => visit(inner, Array.isArray(value) ? `${where}[${key}]` : `${where}.${key}`));
  };
  visit(resource.properties, resource.logicalId);
  return found;
}

/** A { Ref } or { Fn::GetAtt } target as people find it in code: its construct path, else the value in words. */
export function referenceInWords(stack: SynthesizedStack, value: unknown): string {
  const logicalId = (value as any)?.Ref ?? (value as any)?.['Fn::GetAtt']?.[0];
  const target = stack.resources.find((resource) => resource.logicalId === logicalId);
  return target ? target.path : readable(value);
}
