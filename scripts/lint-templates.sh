#!/usr/bin/env bash
# Every template this project synthesizes passes cfn-lint (CloudFormation's resource schemas and rules):
# the example app's (cdk.out/, written by `npx projen example`, StackSet member templates `*.stackset.template.json`
# included) and every committed integ snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "lint-templates: cfn-lint is not installed (pip install cfn-lint); the templates cannot be checked" >&2
  exit 1
fi

shopt -s nullglob
example=(cdk.out/*.template.json)
if [ ${#example[@]} -eq 0 ]; then
  echo "lint-templates: cdk.out/ has no template; run 'npx projen example' first" >&2
  exit 1
fi
stacks=("${example[@]}")
assertions=()
for template in test/integ/*.snapshot/*.template.json; do
  case "$template" in
    *DeployAssert*) assertions+=("$template") ;;
    *) stacks+=("$template") ;;
  esac
done

# W3005: aws-cdk-lib makes each function depend on its role by DependsOn as well as by GetAtt, so the
# role's policy exists before the function; redundant for cfn-lint, harmless for CloudFormation.
cfn-lint --ignore-checks W3005 -- "${stacks[@]}"
# W3037 in the assertion stacks: integ-tests-alpha grants `<service>:<ApiName>` for every API call it
# makes; where IAM names the action otherwise, the integ test adds the right action itself.
cfn-lint --ignore-checks W3005 W3037 -- "${assertions[@]}"
echo "lint-templates: ${#stacks[@]} stack templates and ${#assertions[@]} assertion templates pass cfn-lint $(cfn-lint --version | cut -d' ' -f2)"
