/**
 * Fn::ForEach loops of the AWS::LanguageExtensions transform, expanded as CloudFormation expands them, so
 * that the review sees the resources that will exist.
 *
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html:
 * "The Fn::ForEach intrinsic function takes a collection and a fragment, and applies the items in the
 * collection to the identifier in the provided fragment. Fn::ForEach can contain other intrinsic functions,
 * including Fn::ForEach itself" — declared as
 * `"Fn::ForEach::LoopLogicalName": ["Identifier", ["Value1","Value2"], {"OutputKey": {OutputValue}}]`,
 * where the collection may also be a Ref to a CommaDelimitedList parameter, and `${Identifier}` or
 * `&{Identifier}` (the value without its non-alphanumeric characters) in the keys and values stand for each item.
 */
const LOOP_PREFIX = 'Fn::ForEach::';

/** The resources of a template with its loops expanded, and the loops that could not be, one line each. */
export interface ExpandedResources {
  readonly resources: Record<string, unknown>;
  readonly unread: string[];
}

/** The resources with every loop expanded; a loop whose collection is not known before deployment is left out and named. */
export function expandForEachLoops(resources: Record<string, unknown>, parameters: unknown): ExpandedResources {
  const unread: string[] = [];
  const expandEntry = ([key, value]: [string, unknown]): [string, unknown][] => {
    if (!key.startsWith(LOOP_PREFIX)) {
      return [[key, value]];
    }
    const [identifier, collection, template] = Array.isArray(value) ? value : [];
    const items = collectionItems(collection, parameters);
    if (typeof identifier !== 'string' || items === undefined || typeof template !== 'object' || template === null) {
      unread.push(`${key}: its collection ${JSON.stringify(collection)} is not a list or a CommaDelimitedList parameter with a default, `
        + 'so the resources it makes are not reviewed');
      return [];
    }
    return items.flatMap((item) => Object.entries(expand(substitute(template, identifier, item) as Record<string, unknown>)));
  };
  const expand = (fragment: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(fragment).flatMap(expandEntry));
  return { resources: expand(resources), unread };
}

function collectionItems(collection: unknown, parameters: any): string[] | undefined {
  if (Array.isArray(collection) && collection.every((item) => typeof item === 'string')) {
    return collection;
  }
  const parameter = parameters?.[(collection as any)?.Ref];
  return typeof parameter?.Default === 'string' ? parameter.Default.split(',').map((item: string) => item.trim()) : undefined;
}

/** The fragment for one item: `${Identifier}` and `&{Identifier}` in keys and strings, and `{ Ref: Identifier }`, replaced. */
function substitute(value: unknown, identifier: string, item: string): unknown {
  const inText = (text: string) => text.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(item.replace(/[^A-Za-z0-9]/g, ''));
  if (typeof value === 'string') {
    return inText(value);
  }
  if (Array.isArray(value)) {
    return value.map((inner) => substitute(inner, identifier, item));
  }
  if (typeof value === 'object' && value !== null) {
    if (Object.keys(value).length === 1 && (value as any).Ref === identifier) {
      return item;
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [inText(key), substitute(inner, identifier, item)]));
  }
  return value;
}
