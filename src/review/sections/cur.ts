import { ReviewItem } from '../item';
import { conditionFact, onlyWhen, readable, SynthesizedStack, TemplateResource } from '../template';

const DELIVERY_SERVICES: Readonly<Record<string, string>> = {
  'AWS::CUR::ReportDefinition': 'billingreports.amazonaws.com',
  'AWS::BCMDataExports::Export': 'bcm-data-exports.amazonaws.com',
};

/**
 * The review of every Cost and Usage Report and Data Export of a stack: what is delivered, where it
 * lands, who may write there, and how to query it in Athena.
 */
export function reviewCostReports(stack: SynthesizedStack): string[] {
  const reports = stack.resources.filter((resource) => resource.type in DELIVERY_SERVICES);
  if (reports.length === 0) {
    return [];
  }
  const workGroups = stack.resources.filter((resource) => resource.type === 'AWS::Athena::WorkGroup');
  return [
    `### Cost and usage reports (${reports.length})`,
    '',
    ...reports.flatMap((report) => reviewReport(stack, report)),
    ...workGroups.map((workGroup) => describeWorkGroup(workGroup.properties)),
    ...(workGroups.length > 0 ? [''] : []),
  ];
}

/** What one report is, where it lands and how to query it. */
interface ReportView {
  readonly name: string;
  readonly summary: string;
  readonly bucket: unknown;
  readonly prefix: string;
  readonly region: unknown;
}

/** Every report and export of a stack as facts: what is delivered, where it lands, who delivers it. */
export function reportItems(stack: SynthesizedStack): ReviewItem[] {
  return stack.resources
    .filter((resource) => resource.type in DELIVERY_SERVICES)
    .map((report) => {
      const { view, folder, table } = reportOf(stack, report);
      return {
        section: 'Cost and usage reports',
        stackName: stack.stackName,
        path: report.path,
        name: view.name,
        facts: {
          ...conditionFact(report),
          'content': [view.summary],
          'lands in': [`${table ? dataLocation(table) : folder} (bucket region ${readable(view.region)})`],
          'delivered by': [describeDelivery(stack, view.bucket, DELIVERY_SERVICES[report.type])],
        },
      };
    });
}

function reportOf(stack: SynthesizedStack, report: TemplateResource): { view: ReportView; folder: string; table?: TemplateResource } {
  const view = report.type === 'AWS::CUR::ReportDefinition' ? legacyView(report.properties) : exportView(report.properties.Export ?? {});
  const folder = `s3://${readable(view.bucket)}/${view.prefix}/${view.name}/`;
  const table = stack.resources.find((resource) =>
    resource.type === 'AWS::Glue::Table' && readable(resource.properties.TableInput?.StorageDescriptor?.Location).startsWith(folder));
  return { view, folder, table };
}

function reviewReport(stack: SynthesizedStack, report: TemplateResource): string[] {
  const { view, folder, table } = reportOf(stack, report);
  return [
    `- **${view.name}** (${view.summary}) \`${report.path}\`${onlyWhen(report)}`,
    `  - lands in: ${table ? dataLocation(table) : folder} (bucket region ${readable(view.region)})`,
    `  - delivered by: ${describeDelivery(stack, view.bucket, DELIVERY_SERVICES[report.type])}`,
    ...(table ? describeQuerying(stack, table) : ['  - query: no Athena table (a CSV or versioned report: read the files, or load them elsewhere)']),
    '',
  ];
}

function legacyView(properties: any): ReportView {
  const extras = [
    ...listOf(properties.AdditionalSchemaElements).map(readable),
    ...listOf(properties.AdditionalArtifacts).map((artifact) => `${readable(artifact)} artifact`),
  ];
  return {
    name: readable(properties.ReportName),
    summary: ['legacy CUR', readable(properties.TimeUnit), `${readable(properties.Format)}/${readable(properties.Compression)}`, ...extras, readable(properties.ReportVersioning)].join(', '),
    bucket: properties.S3Bucket,
    prefix: readable(properties.S3Prefix),
    region: properties.S3Region,
  };
}

function exportView(exportProperties: any): ReportView {
  const query = readable(exportProperties.DataQuery?.QueryStatement ?? '');
  const table = /FROM\s+(\w+)/.exec(query)?.[1] ?? 'a table the query does not name';
  const columnCount = (/^SELECT\s+(.*)\s+FROM/s.exec(query)?.[1] ?? '').split(',').filter((column) => column.trim() !== '').length;
  const tableConfigurations = exportProperties.DataQuery?.TableConfigurations;
  const configuration = Object.entries<unknown>(tableConfigurations?.[table] ?? {})
    .filter(([, value]) => value !== 'FALSE')
    .map(([key, value]) => (value === 'TRUE' ? key : `${key}=${readable(value)}`));
  const destination = exportProperties.DestinationConfigurations?.S3Destination ?? {};
  const output = destination.S3OutputConfigurations ?? {};
  return {
    name: readable(exportProperties.Name),
    summary: [`Data Export of ${table}`, `${columnCount} columns`, ...configuration, `${readable(output.Format)}/${readable(output.Compression)}`, readable(output.Overwrite)].join(', '),
    bucket: destination.S3Bucket,
    prefix: readable(destination.S3Prefix),
    region: destination.S3Region,
  };
}

function dataLocation(table: TemplateResource): string {
  const input = table.properties.TableInput ?? {};
  const partitions = listOf(input.PartitionKeys).map((key: any) => readable(key?.Name)).join(', ');
  return `${readable(input.Parameters?.['storage.location.template'])} (partitions ${partitions}, projected)`;
}

function describeDelivery(stack: SynthesizedStack, bucket: unknown, service: string): string {
  const bucketRef = (bucket as any)?.Ref;
  const policy = stack.resources.find((resource) => resource.type === 'AWS::S3::BucketPolicy' && resource.properties.Bucket?.Ref === bucketRef && bucketRef);
  const statements: any[] = policy?.properties.PolicyDocument?.Statement ?? [];
  const allowed = statements.filter((statement) => statement.Effect === 'Allow' && [].concat(statement.Principal?.Service ?? []).includes(service as never));
  if (allowed.length === 0) {
    return `${service} (the bucket policy is not in this stack: its owner must allow it)`;
  }
  const actions = [...new Set(allowed.flatMap((statement) => [].concat(statement.Action).map(readable)))].join(', ');
  // The legacy statements use StringEquals/ArnLike; the Data Exports statement AWS documents uses StringLike for both keys.
  const conditions = Object.values<any>(allowed[0].Condition ?? {});
  const conditionValue = (key: string) => readable(conditions.find((operator) => operator?.[key] !== undefined)?.[key]);
  return `${service} (${actions}) for account ${conditionValue('aws:SourceAccount')}, source ${conditionValue('aws:SourceArn')}`;
}

function describeQuerying(stack: SynthesizedStack, table: TemplateResource): string[] {
  const tableName = readable(table.properties.TableInput?.Name);
  const databaseName = readable(table.properties.DatabaseName);
  const queries = stack.resources.filter((resource) =>
    resource.type === 'AWS::Athena::NamedQuery' && readable(resource.properties.QueryString).includes(`"${databaseName}"."${tableName}"`));
  const workGroup = stack.resources.find((resource) => resource.logicalId === queries[0]?.properties.WorkGroup?.Ref);
  return [
    `  - query: table ${databaseName}.${tableName}${workGroup ? ` in Athena workgroup ${readable(workGroup.properties.Name)}` : ''}`,
    ...(queries.length > 0 ? [`  - named queries: ${queries.map((query) => readable(query.properties.Name)).join('; ')}`] : []),
  ];
}

function describeWorkGroup(properties: any): string {
  const configuration = properties.WorkGroupConfiguration ?? {};
  const results = configuration.ResultConfiguration ?? {};
  const cutoff = configuration.BytesScannedCutoffPerQuery;
  return [
    `- Athena workgroup **${readable(properties.Name)}**:`,
    `results in ${readable(results.OutputLocation)} (${readable(results.EncryptionConfiguration?.EncryptionOption ?? 'unencrypted')}),`,
    cutoff ? `at most ${Number.isFinite(Number(cutoff)) ? Number(cutoff).toLocaleString('en-US') : readable(cutoff)} bytes scanned per query,` : 'no bytes-scanned limit,',
    configuration.EnforceWorkGroupConfiguration ? 'settings enforced' : 'settings not enforced',
  ].join(' ');
}

/** A list property as a list; a single value (a deploy-time Fn::If, say) as a list of one. */
function listOf(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
