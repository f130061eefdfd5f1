import * as fs from 'fs';
import * as path from 'path';

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
}

/** A synthesized stack: its name and resources. */
export interface SynthesizedStack {
  readonly stackName: string;
  readonly resources: TemplateResource[];
  /** The template file, for stacks read from a cloud assembly. */
  readonly templateFile?: string;
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
  const nestedTemplates = nestedTemplateFiles(assemblyDir, artifacts);
  const stacks: SynthesizedStack[] = [];
  for (const [artifactId, artifact] of Object.entries<any>(artifacts)) {
    if (artifact?.type === 'aws:cloudformation:stack') {
      const templateFile = path.join(assemblyDir, requiredString(artifact.properties?.templateFile, manifestFile, `artifacts.${artifactId}.properties.templateFile`));
      const template = readJsonObject(templateFile, 'stack template');
      const stack = { ...stackFromTemplate(artifact.displayName ?? artifactId, template, templateFile), templateFile };
      stacks.push(stack, ...nestedStacksOf(stack, nestedTemplates));
    } else if (artifact?.type === 'cdk:cloud-assembly') {
      stacks.push(...readAssembly(path.join(assemblyDir, requiredString(artifact.properties?.directoryName, manifestFile, `artifacts.${artifactId}.properties.directoryName`))));
    }
  }
  return stacks;
}

/** Nested stack template files, by the S3 object key their parent's TemplateURL ends with (read from the asset manifests). */
function nestedTemplateFiles(assemblyDir: string, artifacts: Record<string, any>): Map<string, string> {
  const files = new Map<string, string>();
  for (const [artifactId, artifact] of Object.entries<any>(artifacts)) {
    if (artifact?.type !== 'cdk:asset-manifest') {
      continue;
    }
    const assetManifestFile = path.join(assemblyDir, requiredString(artifact.properties?.file, path.join(assemblyDir, 'manifest.json'), `artifacts.${artifactId}.properties.file`));
    const assets = readJsonObject(assetManifestFile, 'asset manifest');
    for (const asset of Object.values<any>(optionalObject(assets.files, assetManifestFile, 'files'))) {
      if (String(asset?.source?.path ?? '').endsWith('.nested.template.json')) {
        for (const destination of Object.values<any>(asset.destinations ?? {})) {
          files.set(destination.objectKey, path.join(assemblyDir, asset.source.path));
        }
      }
    }
  }
  return files;
}

/** The nested stacks (AWS::CloudFormation::Stack) of a stack, at any depth, named "<parent>/<logical ID>". */
function nestedStacksOf(parent: SynthesizedStack, nestedTemplates: Map<string, string>): SynthesizedStack[] {
  return parent.resources
    .filter((resource) => resource.type === 'AWS::CloudFormation::Stack')
    .flatMap((resource) => {
      const templateUrl = JSON.stringify(resource.properties.TemplateURL ?? '');
      const objectKey = [...nestedTemplates.keys()].find((key) => templateUrl.includes(key));
      if (objectKey === undefined) {
        return [];
      }
      const templateFile = nestedTemplates.get(objectKey)!;
      const template = readJsonObject(templateFile, 'nested stack template');
      const nested = { ...stackFromTemplate(`${parent.stackName}/${resource.logicalId}`, template, templateFile), templateFile };
      return [nested, ...nestedStacksOf(nested, nestedTemplates)];
    });
}

/**
 * The resources of one template. A template without Resources has none; anything else that is not
 * shaped as a CloudFormation template (Resources not an object, a resource without a Type) is
 * unusable input, reported with where it was read from.
 */
export function stackFromTemplate(stackName: string, template: any, source: string = stackName): SynthesizedStack {
  const resources = Object.entries<any>(optionalObject(template.Resources, source, 'Resources')).map(([logicalId, resource]) => {
    if (!isPlainObject(resource)) {
      throw new UnusableInputError(`${source}: Resources.${logicalId} is ${JSON.stringify(resource)}, not a resource object`);
    }
    return {
      logicalId,
      type: requiredString(resource.Type, source, `Resources.${logicalId}.Type`),
      properties: optionalObject(resource.Properties, source, `Resources.${logicalId}.Properties`),
      path: typeof resource.Metadata?.['aws:cdk:path'] === 'string' ? resource.Metadata['aws:cdk:path'].replace(/\/Resource$/, '') : logicalId,
    };
  });
  return { stackName, resources };
}

function readJsonObject(file: string, what: string): Record<string, any> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (error) {
    throw new UnusableInputError(`${file}: cannot read the ${what} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
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
  'Fn::GetAtt': (target) => `<${[].concat(target).join('.')}>`,
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
};

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
