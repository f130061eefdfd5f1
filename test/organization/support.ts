import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MemberRoleTrust } from '../../src';

/** A management stack with resolved environment, and the trust of a pipeline with two roles. */
export function managementStack(app = new App()): { stack: Stack; trust: MemberRoleTrust } {
  const stack = new Stack(app, 'Management', { env: { account: '999999999999', region: 'eu-west-1' } });
  const lambdaRole = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const scanner = lambdaRole('ScannerRole');
  const executor = lambdaRole('ExecutorRole');
  return {
    stack,
    trust: {
      readRoleName: 'finops-member-read',
      executorRoleName: 'finops-member-executor',
      readRoleTrustedBy: [scanner, executor],
      executorRoleTrustedBy: [executor],
      protectionTagKey: 'finops:protected',
    },
  };
}

/** The member template as written into the cloud assembly (the file cfn-lint and the StackSet read). */
export function memberTemplateFile(app: App): { file: string; template: any } {
  const outdir = app.synth().directory;
  const [name] = fs.readdirSync(outdir).filter((file) => file.endsWith('.stackset.template.json'));
  const file = path.join(outdir, name);
  return { file, template: JSON.parse(fs.readFileSync(file, 'utf8')) };
}
