import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';

/** Temporary credentials, in the shape every SDK client's `credentials` takes. */
export interface MemberCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The ARN of a member role: the account's id and the role's name, in the function's own partition. */
export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`A member account id is 12 digits; got ${JSON.stringify(accountId)}`);
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`), e.g. of `context.invokedFunctionArn`. */
export function partitionOfArn(arn: string): string {
  const partition = arn.split(':')[1];
  if (!partition) throw new Error(`Cannot read the partition from the ARN ${JSON.stringify(arn)}`);
  return partition;
}

/**
 * Temporary credentials of a member role, for SDK clients that act in that account. The session
 * name says who acts, so the member account's CloudTrail shows it.
 *
 * @throws the STS error (AccessDenied when the role is missing or does not trust this function)
 */
export async function assumeMemberRole(sts: STSClient, roleArn: string, sessionName: string): Promise<MemberCredentials> {
  const answer = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
  const credentials = answer.Credentials;
  if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined) {
    throw new Error(`STS AssumeRole of ${roleArn} returned no credentials`);
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}
