import { CfnElement, IResolvable, IResolveContext, Token } from 'aws-cdk-lib';

/**
 * A CloudFormation element's logical ID, worked out by its stack (`getLogicalId`, renames included)
 * as aws-cdk-lib does, but once per synth instead of once per reference.
 *
 * aws-cdk-lib renders an element's logical ID again each time a token naming it is resolved: for
 * an element deep in the tree that is an MD5 hash of its path, and a topic shared by 400 budgets
 * is resolved about 5,000 times per synth (a third of the synth's time). The ID is kept from the
 * first resolution made while the app is prepared (`context.preparing`): by then every rename of
 * the stack is in place, so the template is the same as without the cache. Resolutions before
 * that (a `stack.resolve` while the app is still being built) are worked out afresh.
 */
class LogicalIdOnceSynthesizing implements IResolvable {
  public readonly creationStack: string[] = [];
  private logicalId?: string;

  constructor(private readonly element: CfnElement) {}

  public resolve(context: IResolveContext): string {
    if (this.logicalId !== undefined) {
      return this.logicalId;
    }
    const logicalId = this.element.stack.getLogicalId(this.element);
    if (context.preparing) {
      this.logicalId = logicalId;
    }
    return logicalId;
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/**
 * Makes the element's logical ID cheap to resolve again (see {@link LogicalIdOnceSynthesizing}).
 * Only for elements this library creates: a user's `overrideLogicalId` afterwards still wins.
 */
export function resolveLogicalIdOnce(element: CfnElement): void {
  element.overrideLogicalId(Token.asString(new LogicalIdOnceSynthesizing(element)));
}
