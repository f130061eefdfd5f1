import { App, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CurExport, CurReport, CurReportProps } from '../../src';
import { closestName, editDistance } from '../../src/cur/private/closest-name';
import { DATA_EXPORT_TABLE_COLUMNS } from '../../src/cur/private/table-dictionary';

function synth(props: CurReportProps): { stack: Stack; template: Template } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  new CurReport(stack, 'Reports', props);
  return { stack, template: Template.fromStack(stack) };
}

const names = (kind: keyof typeof DATA_EXPORT_TABLE_COLUMNS) => DATA_EXPORT_TABLE_COLUMNS[kind].known.map((column) => column.name);

function glueColumns(template: Template): Array<{ Name: string; Type: string }> {
  return Object.values<any>(template.findResources('AWS::Glue::Table'))[0].Properties.TableInput.StorageDescriptor.Columns;
}

describe('CurReport checks Data Exports columns against the table dictionary', () => {
  test('a FOCUS 1.0 column that the table lacks is refused with the table, its page and the closest column', () => {
    expect(() => synth({ exports: [CurExport.focus({ exportName: 'f', columns: ['BilledCosts', 'ServiceName'] })] })).toThrow(
      /^Stack\/Reports: \["BilledCosts"\] breaks the rule: the columns of a FOCUS 1\.0 export are those of the FOCUS_1_0_AWS table \(https:\/\/docs\.aws\.amazon\.com\/cur\/latest\/userguide\/table-dictionary-focus-1-0-aws-columns\.html\)\. Fix: replace "BilledCosts" with "BilledCost", or pick other columns from the table dictionary\.$/,
    );
  });

  test('a FOCUS 1.0 column far from every known one is dropped, not guessed', () => {
    expect(() => synth({ exports: [CurExport.focus({ exportName: 'f', columns: ['CarbonEmissions'] })] })).toThrow(/Fix: drop "CarbonEmissions", or pick other columns/);
  });

  test('a CUR 2.0 column this library does not know is accepted with a warning that names the closest column', () => {
    const { stack, template } = synth({ exports: [CurExport.cur2({ exportName: 'c', columns: ['line_item_unblended_cots', 'line_item_iam_principal'] })] });
    Annotations.fromStack(stack).hasWarning('/Stack/Reports', Match.stringLikeRegexp(
      '^"line_item_unblended_cots" is not a column of COST_AND_USAGE_REPORT that this library knows .*Did you mean "line_item_unblended_cost"\\?',
    ));
    Annotations.fromStack(stack).hasWarning('/Stack/Reports', Match.stringLikeRegexp('^"line_item_iam_principal" is not a column of COST_AND_USAGE_REPORT'));
    template.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: Match.objectLike({ DataQuery: Match.objectLike({ QueryStatement: 'SELECT line_item_unblended_cots, line_item_iam_principal FROM COST_AND_USAGE_REPORT' }) }),
    });
  });

  test('a recommendations column this library does not know is accepted with a warning', () => {
    const { stack } = synth({ exports: [CurExport.costOptimizationRecommendations({ exportName: 'r', columns: ['account_id', 'resource_id'] })] });
    Annotations.fromStack(stack).hasWarning('/Stack/Reports', Match.stringLikeRegexp('^"resource_id" is not a column of COST_OPTIMIZATION_RECOMMENDATIONS'));
  });

  test.each([
    ['CUR 2.0', CurExport.cur2({ exportName: 'c', includeResources: true, includeSplitCostAllocationData: true, columns: names('cur2') }), 'cur2'],
    ['FOCUS 1.0', CurExport.focus({ exportName: 'c', columns: names('focus') }), 'focus'],
    ['recommendations', CurExport.costOptimizationRecommendations({ exportName: 'c', columns: names('costOptimization') }), 'costOptimization'],
  ] as const)('every %s column of the dictionary is accepted without a warning, and typed in Glue as the dictionary says', (_, reportExport, kind) => {
    const { stack, template } = synth({ exports: [reportExport] });
    expect(Annotations.fromStack(stack).findWarning('/Stack/Reports', Match.stringLikeRegexp('is not a column of'))).toEqual([]);
    const expected = DATA_EXPORT_TABLE_COLUMNS[kind].known.map((column) => ({ Name: column.name.toLowerCase(), Type: column.type }));
    expect(glueColumns(template)).toEqual(expected);
  });

  test('the default selection of every table is typed from the dictionary', () => {
    const { template } = synth({ exports: [CurExport.cur2({ exportName: 'c' })] });
    const types = new Map(DATA_EXPORT_TABLE_COLUMNS.cur2.known.map((column) => [column.name, column.type]));
    expect(glueColumns(template).filter((column) => types.get(column.Name) !== column.Type)).toEqual([]);
    expect(glueColumns(template).map((column) => column.Name)).toEqual(expect.arrayContaining(['reservation_net_effective_cost', 'savings_plan_net_savings_plan_effective_cost']));
  });

  test('a column known only at deploy time, next to known ones, is accepted', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const deployTimeColumn = Fn.select(0, Fn.split(',', 'BilledCost,ServiceName'));
    expect(() => new CurReport(stack, 'Reports', { exports: [CurExport.focus({ exportName: 'f', columns: [deployTimeColumn, 'ServiceName'] })] })).not.toThrow();
    expect(Annotations.fromStack(stack).findWarning('/Stack/Reports', Match.stringLikeRegexp('is not a column of'))).toEqual([]);
  });
});

describe('closestName', () => {
  test('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  test('finds a typo, ignores case, and proposes nothing far away', () => {
    expect(closestName('BiledCost', ['BilledCost', 'ListCost'])).toBe('BilledCost');
    expect(closestName('billedcost', ['BilledCost'])).toBe('BilledCost');
    expect(closestName('Region', ['BilledCost', 'ListCost'])).toBeUndefined();
  });
});
