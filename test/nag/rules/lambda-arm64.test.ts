import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findings, newStack } from './utils';

const code = lambda.Code.fromInline('exports.handler = async () => {};');

describe('FinOps-LambdaArm64 (warning)', () => {
  test('non-compliant: functions on x86_64, explicit or by default', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Default', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
    new lambda.Function(stack, 'X86', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, architecture: lambda.Architecture.X86_64 });
    expect(findings(stack, 'FinOps-LambdaArm64')).toEqual(['FinOps-LambdaArm64 Test/Default/Resource', 'FinOps-LambdaArm64 Test/X86/Resource']);
  });

  test('compliant: a function on arm64', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Arm', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, architecture: lambda.Architecture.ARM_64 });
    expect(findings(stack, 'FinOps-LambdaArm64')).toEqual([]);
  });
});
