import { IConstruct } from 'constructs';

/**
 * The most characters of a construct path the pipeline puts in a description. aws-cdk-lib refuses
 * a Lambda function description over 256 characters ("DescriptionTooLong"), and the longest text
 * around the path is under 70: a path of any depth keeps every description within that.
 */
const DESCRIBED_PATH_MAX_LENGTH = 150;

/** The construct path for a description: whole when short, else its end (the most specific part). */
export function describedPath(scope: IConstruct): string {
  const path = scope.node.path;
  return path.length <= DESCRIBED_PATH_MAX_LENGTH ? path : `...${path.slice(path.length - DESCRIBED_PATH_MAX_LENGTH + 3)}`;
}
