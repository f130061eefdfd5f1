import * as fs from 'fs';
import * as path from 'path';
import { removeTempDirs, runReview as run, tempDir } from './run-review';
import { readable, readInput, stackFromTemplate, UnusableInputError } from '../../src/review/template';

afterAll(removeTempDirs);

/** A template file with the given name and contents, in a directory of its own. */
function templateFile(name: string, contents: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, contents);
  return file;
}

describe('readable: intrinsic functions in words', () => {
  test.each([
    [{ Ref: 'BudgetLimit' }, '<BudgetLimit>'],
    [{ 'Fn::GetAtt': ['Topic', 'TopicArn'] }, '<Topic.TopicArn>'],
    [{ 'Fn::GetAtt': 'Topic.TopicArn' }, '<Topic.TopicArn>'],
    [{ 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:alerts' }, 'arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:alerts'],
    [{ 'Fn::Sub': ['s3://${Bucket}/cur', { Bucket: { Ref: 'ReportBucket' } }] }, 's3://<ReportBucket>/cur'],
    [{ 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'Handler' }]] }, '/aws/lambda/<Handler>'],
    [{ 'Fn::If': ['IsProd', 1000, 100] }, '(IsProd ? 1000 : 100)'],
    [{ 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] }, '(IsProd ? a : (no value))'],
    [{ 'Fn::FindInMap': ['Limits', { Ref: 'Environment' }, 'Monthly'] }, '<Limits.<Environment>.Monthly>'],
    [{ 'Fn::ImportValue': 'shared-alerts-topic' }, '<export shared-alerts-topic>'],
    [{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, '<item 0 of (<availability zones of <AWS::Region>>)>'],
    [{ 'Fn::Split': [',', { Ref: 'Emails' }] }, '<(<Emails>) split at ",">'],
    [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] }, '<Stage> = prod'],
    [{ 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Not': [{ Condition: 'IsEu' }] }] }, '(IsProd) and (not (IsEu))'],
    [{ Unknown: 1 }, '{"Unknown":1}'],
  ])('%j reads %s', (value, words) => {
    expect(readable(value)).toBe(words);
  });
});

describe('Fn::ForEach (AWS::LanguageExtensions)', () => {
  const loop = (collection: unknown) => ({
    Transform: 'AWS::LanguageExtensions',
    Parameters: { Topics: { Type: 'CommaDelimitedList', Default: 'alerts, audit' }, Other: { Type: 'String' } },
    Resources: {
      'Fn::ForEach::Topics': ['Name', collection, {
        'Topic${Name}': { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': 'finops-${Name}' }, DisplayName: { Ref: 'Name' } } },
        'Queue&{Name}': { Type: 'AWS::SQS::Queue' },
      }],
    },
  });

  test('a loop over a list makes one resource per item, the identifier replaced in keys, Sub strings and Refs', () => {
    const stack = stackFromTemplate('Loops', loop(['alerts', 'cost-audit']));
    expect(stack.resources.map((resource) => resource.logicalId)).toEqual(['Topicalerts', 'Queuealerts', 'Topiccost-audit', 'Queuecostaudit']);
    expect(stack.resources[0].properties).toEqual({ TopicName: { 'Fn::Sub': 'finops-alerts' }, DisplayName: 'alerts' });
    expect(stack.unread).toBeUndefined();
  });

  test('a loop over a CommaDelimitedList parameter uses its default', () => {
    expect(stackFromTemplate('Loops', loop({ Ref: 'Topics' })).resources.map((resource) => resource.logicalId))
      .toEqual(['Topicalerts', 'Queuealerts', 'Topicaudit', 'Queueaudit']);
  });

  test('a loop whose collection is not known before deployment is named in the review, which goes on with exit status 0', () => {
    const file = templateFile('loops.json', JSON.stringify(loop({ Ref: 'Other' })));
    const { status, stdout, stderr } = run(file);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('> Not read from this template:\n> - Fn::ForEach::Topics: its collection {"Ref":"Other"} is not a list or a CommaDelimitedList parameter with a default, so the resources it makes are not reviewed\n');
    expect(JSON.parse(run(file, '--format', 'json').stdout).stacks[0].unread).toHaveLength(1);
  });
});

describe('template files', () => {
  test('a YAML template with short tags is read as CloudFormation reads it', () => {
    const file = templateFile('budget.yaml', [
      'Conditions:',
      '  IsProd: !Equals [!Ref "AWS::AccountId", "111111111111"]',
      'Resources:',
      '  Budget:',
      '    Type: AWS::Budgets::Budget',
      '    Condition: IsProd',
      '    Properties:',
      '      Budget:',
      '        BudgetName: !Sub "${AWS::StackName}-monthly"',
      '        BudgetType: COST',
      '        TimeUnit: MONTHLY',
      '        BudgetLimit: { Amount: !If [IsProd, 1000, 100], Unit: USD }',
      '',
    ].join('\n'));
    const [stack] = readInput(file);
    expect(stack.stackName).toBe('budget');
    expect(stack.resources[0]).toMatchObject({ logicalId: 'Budget', condition: 'IsProd', properties: { Budget: { BudgetName: { 'Fn::Sub': '${AWS::StackName}-monthly' } } } });
    const { status, stdout } = run(file);
    expect(status).toBe(0);
    expect(stdout).toContain('- **<AWS::StackName>-monthly** (COST, MONTHLY) `Budget`\n  - condition: only when IsProd\n  - limit: (IsProd ? 1000 : 100) USD\n');
  });

  test('a file that is neither JSON nor YAML is unusable input', () => {
    expect(() => readInput(templateFile('broken.yaml', 'Resources: [unclosed'))).toThrow(UnusableInputError);
  });

  test('a resource under a condition the template does not declare is unusable input, as CloudFormation refuses it', () => {
    const file = templateFile('undeclared.json', JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket', Condition: 'IsProd' } } }));
    const { status, stderr } = run(file);
    expect(status).toBe(2);
    expect(stderr).toMatch(/undeclared\.json: Resources\.Bucket\.Condition "IsProd" is not a condition the template declares\n$/);
  });
});
