import * as path from 'path';

/**
 * Parses a YAML CloudFormation template, short tags (!Ref, !Sub, !GetAtt, ...) included, with the parser
 * that aws-cdk-lib's cloudformation-include reads YAML templates with: the review then reads a template
 * exactly as `CfnInclude` would, and needs no YAML package of its own. aws-cdk-lib (a peer dependency,
 * always installed) keeps that parser in a module its package exports do not list, so it is loaded by
 * file from aws-cdk-lib's own directory.
 */
export function parseYamlTemplate(text: string): unknown {
  return yamlCfn().deserialize(text);
}

interface YamlCfn {
  deserialize(text: string): unknown;
}

let loaded: YamlCfn | undefined;

function yamlCfn(): YamlCfn {
  if (loaded === undefined) {
    const awsCdkLib = path.dirname(require.resolve('aws-cdk-lib/package.json'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(path.join(awsCdkLib, 'cloudformation-include', 'lib', 'private', 'yaml-cfn.js')) as YamlCfn;
  }
  return loaded;
}
