/**
 * What CloudFormation deploys from a template's resource properties given parameter values: Ref to a
 * parameter, Fn::Join, Fn::Split, Fn::Select, and Fn::If over the template's Conditions (Fn::Equals,
 * Fn::Not), with AWS::NoValue removing the array element or property. Anything else is left as written.
 * For tests of properties that depend on list parameters (subscriber slots).
 */
const NO_VALUE = Symbol('AWS::NoValue');

export function deployedProperties(template: any, logicalId: string, parameters: Record<string, string | string[]>): any {
  const conditions: Record<string, any> = template.Conditions ?? {};
  const resolve = (value: any): any => {
    if (Array.isArray(value)) {
      return value.map(resolve).filter((item) => item !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const [key] = Object.keys(value);
    const argument = value[key];
    switch (key) {
      case 'Ref':
        if (argument === 'AWS::NoValue') return NO_VALUE;
        return argument in parameters ? parameters[argument] : value;
      case 'Fn::Join': return (resolve(argument[1]) as any[]).flat().join(argument[0]);
      case 'Fn::Split': return String(resolve(argument[1])).split(argument[0]);
      case 'Fn::Select': return resolve(argument[1])[Number(resolve(argument[0]))];
      case 'Fn::Equals': return resolve(argument[0]) === resolve(argument[1]);
      case 'Fn::Not': return !resolve(argument[0]);
      case 'Condition': return resolve(conditions[argument]);
      case 'Fn::If': return resolve(conditions[argument[0]]) ? resolve(argument[1]) : resolve(argument[2]);
      default:
        return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, resolve(item)]).filter(([, item]) => item !== NO_VALUE));
    }
  };
  return resolve(template.Resources[logicalId].Properties);
}
