import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  DockerImageAssetLocation,
  DockerImageAssetSource,
  FileAssetLocation,
  FileAssetPackaging,
  FileAssetSource,
  ISynthesisSession,
  Lazy,
  Names,
  Stack,
  StackSynthesizer,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { STACK_SET_MAX_TEMPLATE_BYTES } from '../../core/limits/stacksets';
import { templateLimitViolations } from '../../core/private/template-limits';
import { FinOpsValidationError, formatViolation, RuleViolation } from '../../core/validation';

/**
 * The template a StackSet deploys into member accounts, written as a CDK stack.
 *
 * It is no deployment artifact of its own (`cdk deploy` never sees it): when the app synthesizes, its
 * template is written into the cloud assembly as `<id>.stackset.template.json` (so that every check of
 * `cdk.out/*.template.json`, cfn-lint included, reads it) and registered as a file asset of the stack
 * that declares the StackSet, whose `TemplateURL` points at the uploaded copy. This is the pattern of
 * cdklabs/cdk-stacksets' `StackSetStack` and aws-cdk-lib's `ProductStack`.
 *
 * Member accounts are not CDK-bootstrapped: the template has no bootstrap version rule and no assets,
 * and takes every value from the management side as a CloudFormation parameter, never as a reference.
 */
export class MemberTemplateStack extends Stack {
  /** The file name of the template in the cloud assembly. */
  public readonly templateFile: string;
  /** The S3 URL of the uploaded template, known once the app synthesizes. */
  public readonly templateUrl: string;
  private readonly parentStack: Stack;
  private uploadedTemplateUrl?: string;
  private renderedTemplate?: any;

  constructor(scope: Construct, id: string, description: string) {
    super(scope, id, { synthesizer: new MemberTemplateSynthesizer(), analyticsReporting: false, description });
    this.parentStack = Stack.of(scope);
    this.templateFile = `${Names.uniqueId(this)}.stackset.template.json`;
    this.templateUrl = Lazy.uncachedString({ produce: () => this.uploadedTemplateUrl });
    this.node.addValidation({ validate: () => this.limitErrors() });
  }

  /** The template as CloudFormation receives it (rendered once the app is prepared). */
  public memberTemplate(): any {
    return this.renderedTemplate ?? this._toCloudFormation();
  }

  /**
   * Writes the template into the cloud assembly and registers it as a file asset of the parent stack.
   * Stacks synthesize after their children, so the asset exists before the parent writes its manifest.
   *
   * @internal
   */
  public _synthesizeTemplate(session: ISynthesisSession): void {
    const template = this._toCloudFormation();
    this.renderedTemplate = template;
    const body = JSON.stringify(template, undefined, 1);
    this.uploadedTemplateUrl = this.parentStack.synthesizer.addFileAsset({
      packaging: FileAssetPackaging.FILE,
      sourceHash: crypto.createHash('sha256').update(body).digest('hex'),
      fileName: this.templateFile,
    }).httpUrl;
    fs.writeFileSync(path.join(session.assembly.outdir, this.templateFile), body);
  }

  private limitErrors(): string[] {
    const template = this._toCloudFormation();
    const fix = 'deploy fewer resources per StackSet (split them over several constructs)';
    const bytes = Buffer.byteLength(JSON.stringify(template, undefined, 1));
    const violations: RuleViolation[] = templateLimitViolations(template, bytes, fix);
    if (bytes > STACK_SET_MAX_TEMPLATE_BYTES) {
      violations.push({ value: bytes, rule: `a StackSet template holds at most ${STACK_SET_MAX_TEMPLATE_BYTES} bytes`, fix });
    }
    if (JSON.stringify(template).includes('"Fn::ImportValue"')) {
      violations.push({
        value: 'Fn::ImportValue',
        rule: 'a StackSet template deploys into other accounts, where no export of this app exists',
        fix: 'pass values from the management stack as literals, not as references to its resources',
      });
    }
    return violations.map((violation) => formatViolation(this.node.path, violation));
  }
}

/** Synthesizes the member template only; it has nowhere to put assets. */
class MemberTemplateSynthesizer extends StackSynthesizer {
  public addFileAsset(asset: FileAssetSource): FileAssetLocation {
    throw new FinOpsValidationError(
      `${this.boundStack.node.path}: the file asset ${asset.fileName ?? asset.sourceHash} breaks the rule: a StackSet member template has no asset bucket in the member accounts. Fix: deploy no Lambda function code or other asset through it.`,
    );
  }

  public addDockerImageAsset(asset: DockerImageAssetSource): DockerImageAssetLocation {
    throw new FinOpsValidationError(
      `${this.boundStack.node.path}: the image asset ${asset.sourceHash} breaks the rule: a StackSet member template has no asset repository in the member accounts. Fix: deploy no container image asset through it.`,
    );
  }

  public synthesize(session: ISynthesisSession): void {
    this.synthesizeTemplate(session);
  }
}
