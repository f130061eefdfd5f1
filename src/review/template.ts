import * as fs from 'fs';
import * as path from 'path';

/** A CloudFormation resource as it stands in a synthesized template. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, any>;
}

/** A synthesized stack: its name and resources. */
export interface SynthesizedStack {
  readonly stackName: string;
  readonly resources: TemplateResource[];
  /** The template file, for stacks read from a cloud assembly. */
  readonly templateFile?: string;
}

/** Reads every stack template of a cloud assembly directory (cdk.out), nested assemblies included. */
export function readAssembly(assemblyDir: string): SynthesizedStack[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf-8'));
  const nestedTemplates = nestedTemplateFiles(assemblyDir, manifest);
  const stacks: SynthesizedStack[] = [];
  for (const [artifactId, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const templateFile = path.join(assemblyDir, artifact.properties.templateFile);
      const template = JSON.parse(fs.readFileSync(templateFile, 'utf-8'));
      const stack = { ...stackFromTemplate(artifact.displayName ?? artifactId, template), templateFile };
      stacks.push(stack, ...nestedStacksOf(stack, nestedTemplates));
    } else if (artifact.type === 'cdk:cloud-assembly') {
      stacks.push(...readAssembly(path.join(assemblyDir, artifact.properties.directoryName)));
    }
  }
  return stacks;
}

/** Nested stack template files, by the S3 object key their parent's TemplateURL ends with (read from the asset manifests). */
function nestedTemplateFiles(assemblyDir: string, manifest: any): Map<string, string> {
  const files = new Map<string, string>();
  for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'cdk:asset-manifest') {
      continue;
    }
    const assets = JSON.parse(fs.readFileSync(path.join(assemblyDir, artifact.properties.file), 'utf-8'));
    for (const asset of Object.values<any>(assets.files ?? {})) {
      if (String(asset.source?.path ?? '').endsWith('.nested.template.json')) {
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
      const template = JSON.parse(fs.readFileSync(templateFile, 'utf-8'));
      const nested = { ...stackFromTemplate(`${parent.stackName}/${resource.logicalId}`, template), templateFile };
      return [nested, ...nestedStacksOf(nested, nestedTemplates)];
    });
}

/** The resources of one template. */
export function stackFromTemplate(stackName: string, template: any): SynthesizedStack {
  const resources = Object.entries<any>(template.Resources ?? {}).map(([logicalId, resource]) => ({
    logicalId,
    type: resource.Type,
    properties: resource.Properties ?? {},
  }));
  return { stackName, resources };
}

/** Renders a template value for people: references become <LogicalId>, joins are joined. */
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
  const intrinsic = value as Record<string, any>;
  if ('Ref' in intrinsic) {
    return `<${intrinsic.Ref}>`;
  }
  if ('Fn::GetAtt' in intrinsic) {
    return `<${[].concat(intrinsic['Fn::GetAtt']).join('.')}>`;
  }
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'];
    return (parts as unknown[]).map(readable).join(separator);
  }
  return JSON.stringify(value);
}

/** Finds a resource by the logical ID that a { Ref } points at. */
export function referencedResource(stack: SynthesizedStack, value: unknown): TemplateResource | undefined {
  const ref = (value as any)?.Ref;
  return typeof ref === 'string' ? stack.resources.find((resource) => resource.logicalId === ref) : undefined;
}
