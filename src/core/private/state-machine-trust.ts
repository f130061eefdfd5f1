import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * Confines the trust policy of a state machine's own role to Step Functions acting for this
 * account's state machines (`aws:SourceAccount`, `aws:SourceArn`: the confused-deputy guard).
 * aws-cdk-lib writes these conditions itself from 2.274.0; the library supports older releases
 * (its floor is below that), so it sets the same conditions on every release: identical values on
 * 2.274.0 and later, the guard added on earlier ones.
 */
export function confineStateMachineTrust(stateMachine: sfn.StateMachine): void {
  const role = stateMachine.role.node.defaultChild as iam.CfnRole;
  const stack = Stack.of(stateMachine);
  role.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', {
    ArnLike: {
      'aws:SourceArn': stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    },
    StringEquals: { 'aws:SourceAccount': stack.account },
  });
}
