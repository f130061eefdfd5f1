import { AppProps } from 'aws-cdk-lib';

/**
 * App props with aws-cdk-lib's built-in CloudFormation template validation switched off
 * (`AppProps.builtinCloudFormationValidation`, added in aws-cdk-lib 2.275.0). The library supports
 * older aws-cdk-lib (see the peer floor in README): there AppProps does not name the property, so it
 * is spread in from a plain object, which the compiler does not check for excess properties. That App
 * ignores it; its built-in validation, if it has one, is switched off by CDK_VALIDATION=false only.
 */
export function withoutBuiltinValidation(props: AppProps = {}): AppProps {
  const builtinValidationOff = { builtinCloudFormationValidation: false };
  return { ...props, ...builtinValidationOff };
}
