import { Annotations, Aws, CfnRule, Duration, Fn, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as bcmdataexports from 'aws-cdk-lib/aws-bcmdataexports';
import * as cur from 'aws-cdk-lib/aws-cur';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CurExport } from './cur-export';
import { deliveryViolations, exportViolations, serviceLinkedRoleViolations, unknownColumnWarnings } from './cur-rules';
import { EXPORT_TABLES, ExportConfig } from './private/export-config';
import { namedQueriesOf } from './private/named-queries';
import { exportQueryStatement, notQueryableReason, QueryableTable, TableLayout, tableLayout, tableNamesOf } from './private/tables';
import { ReportCompression, ReportFormat } from './report-settings';
import { ATHENA_NAMED_QUERY_NAME_MAX_LENGTH, COST_REPORT_REGION } from '../core/limits/cur';
import { acknowledgeGrantedWildcards, acknowledgeRules } from '../core/private/nag';
import { fitName } from '../core/private/names';
import { failOnViolations } from '../core/validation';

/**
 * Properties of a {@link CurReport}.
 */
export interface CurReportProps {
  /**
   * The reports to deliver: legacy Cost and Usage Reports and Data Exports (CUR 2.0, FOCUS, Cost
   * Optimization Hub recommendations), all into the same bucket and prefix.
   */
  readonly exports: CurExport[];

  /**
   * The bucket the reports are delivered to. When it belongs to this app, the delivery policy is
   * added to it; for an imported bucket its owner must add it (see the synth warning).
   *
   * @default - a new bucket: public access blocked, TLS only, SSE-S3, versioned, lifecycle to cheaper storage classes
   */
  readonly bucket?: s3.IBucket;

  /**
   * Accept a bucket of another account (Data Exports set it as the bucket owner).
   *
   * @default false
   */
  readonly allowBucketInOtherAccount?: boolean;

  /**
   * The prefix under which every report's folder is created: no spaces, no leading or trailing "/".
   *
   * @default "cost-reports"
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_bcm-data-exports_S3Destination.html
   */
  readonly prefix?: string;

  /**
   * Move report data to S3 Standard-IA after this long (at least 30 days). Created bucket only.
   *
   * @default Duration.days(90)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
   */
  readonly infrequentAccessAfter?: Duration;

  /**
   * Move report data to S3 Glacier Instant Retrieval (still queryable by Athena) after this long. Created bucket only.
   *
   * @default Duration.days(365)
   */
  readonly glacierInstantRetrievalAfter?: Duration;

  /**
   * Delete overwritten versions of report files after this long. Created bucket only.
   *
   * @default Duration.days(30)
   */
  readonly noncurrentVersionExpiration?: Duration;

  /**
   * Protect delivered files with S3 Object Lock in governance mode for this long. Created bucket only.
   *
   * @default - no object lock (versioning keeps overwritten files for noncurrentVersionExpiration)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
   */
  readonly objectLockRetention?: Duration;

  /**
   * Where S3 server access logs of the report and query results buckets go.
   *
   * @default - no server access logs: only the AWS billing services and Athena write to the buckets
   * and readers are granted through `grantRead`
   */
  readonly serverAccessLogsBucket?: s3.IBucket;

  /**
   * The Glue database of the report tables: lower-case letters, digits and underscores.
   *
   * @default - derived from the construct path
   */
  readonly databaseName?: string;

  /**
   * The Athena workgroup for report queries.
   *
   * @default - derived from the construct path
   */
  readonly workGroupName?: string;

  /**
   * The most bytes one query of the workgroup may scan (at least 10 MB); larger queries are cancelled.
   *
   * @default 10 GB (10,000,000,000 bytes): a few cents per query at Athena's per-TB price
   * @see https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html
   */
  readonly bytesScannedCutoffPerQuery?: number;

  /**
   * Delete query results after this long.
   *
   * @default Duration.days(30)
   */
  readonly queryResultsRetention?: Duration;

  /**
   * The first billing period partition projection offers, `YYYY-MM`.
   *
   * @default "2024-01"
   */
  readonly firstBillingPeriod?: string;

  /**
   * Create the Data Exports service-linked role, AWSServiceRoleForBCMDataExports, with a Cost
   * Optimization Hub recommendations export: Data Exports reads the recommendations through it. An
   * account holds the role once and IAM does not create a second one, so the deployment fails where
   * the role already exists: set this only in an account that does not have it yet.
   *
   * @default false - the role must exist before the export is created (a synth warning says so)
   * @see https://docs.aws.amazon.com/cost-management/latest/userguide/data-exports-SLR.html
   */
  readonly createDataExportsServiceLinkedRole?: boolean;

  /**
   * What happens to the buckets this construct creates when it is removed.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Where one report lands and how to query it. */
export interface CurReportDelivery {
  /** The report or export name. */
  readonly name: string;
  /** The folder of the report's data in the bucket. */
  readonly dataPrefix: string;
  /** The Glue table over the data, when the report is queryable. */
  readonly tableName?: string;
}

const DEFAULT_PREFIX = 'cost-reports';
const DEFAULT_BYTES_SCANNED_CUTOFF = 10_000_000_000;
const DEFAULT_FIRST_BILLING_PERIOD = '2024-01';

/**
 * Cost and usage data delivered to S3, queryable in Athena: legacy Cost and Usage Reports and AWS
 * Data Exports (CUR 2.0, FOCUS 1.0, Cost Optimization Hub recommendations), one secure bucket, a
 * Glue database with partition-projected tables, an Athena workgroup with encrypted results and a
 * bytes-scanned limit, and named queries for cost by service, account, cost category and month.
 *
 * Both report kinds exist only in us-east-1: a stack in another region fails at synth.
 *
 * @example
 * declare const analystRole: iam.IRole;
 * const reports = new CurReport(this, 'CostReports', {
 *   exports: [
 *     CurExport.legacy({ reportName: 'enterprise-cost-report', schemaElements: [SchemaElement.RESOURCES] }),
 *     CurExport.cur2({ exportName: 'cur2-daily', includeResources: true }),
 *   ],
 * });
 * reports.grantRead(analystRole);
 */
export class CurReport extends Construct {
  /** The bucket the reports are delivered to. */
  public readonly bucket: s3.IBucket;
  /** The prefix of every report's folder. */
  public readonly prefix: string;
  /** The bucket of Athena query results. */
  public readonly queryResultsBucket: s3.IBucket;
  /** The Glue database of the report tables. */
  public readonly databaseName: string;
  /** The Athena workgroup. */
  public readonly workGroupName: string;
  /** The Glue tables, one per queryable report. */
  public readonly tableNames: string[];
  /** Where each report lands, in the order of `exports`. */
  public readonly deliveries: CurReportDelivery[];
  /** @internal What other constructs querying a table need: its kind and columns (e.g. the cost analysis's Athena mode). */
  public readonly _tables: QueryableTable[];

  private readonly tableArns: string[];

  constructor(scope: Construct, id: string, props: CurReportProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const exports = props.exports.map((reportExport) => reportExport._config);
    this.prefix = props.prefix ?? DEFAULT_PREFIX;
    this.databaseName = props.databaseName ?? Names.uniqueResourceName(this, { maxLength: 255, separator: '_' }).toLowerCase().replace(/[^a-z0-9_]/g, '_');
    this.workGroupName = props.workGroupName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
    const infrequentAccessAfter = props.infrequentAccessAfter ?? Duration.days(90);
    const glacierInstantRetrievalAfter = props.glacierInstantRetrievalAfter ?? Duration.days(365);
    const bytesScannedCutoffPerQuery = props.bytesScannedCutoffPerQuery ?? DEFAULT_BYTES_SCANNED_CUTOFF;
    const lifecycleProps = [
      props.infrequentAccessAfter,
      props.glacierInstantRetrievalAfter,
      props.noncurrentVersionExpiration,
      props.objectLockRetention,
    ];

    failOnViolations(this, [
      ...exportViolations(exports),
      ...serviceLinkedRoleViolations(props.createDataExportsServiceLinkedRole ?? false, exports),
      ...deliveryViolations({
        prefix: this.prefix,
        hasLegacyReport: exports.some((config) => config.kind === 'legacy'),
        region: stack.region,
        account: stack.account,
        bucketAccount: props.bucket?.env.account ?? stack.account,
        allowBucketInOtherAccount: props.allowBucketInOtherAccount ?? false,
        hasLifecycleSettingsForImportedBucket: props.bucket !== undefined && lifecycleProps.some((setting) => setting !== undefined),
        infrequentAccessAfterDays: infrequentAccessAfter.toDays({ integral: false }),
        glacierInstantRetrievalAfterDays: glacierInstantRetrievalAfter.toDays({ integral: false }),
        lifecycleDays: lifecycleDaysOf({
          infrequentAccessAfter,
          glacierInstantRetrievalAfter,
          noncurrentVersionExpiration: props.noncurrentVersionExpiration,
          objectLockRetention: props.objectLockRetention,
          queryResultsRetention: props.queryResultsRetention,
        }),
        bytesScannedCutoffPerQuery,
        databaseName: this.databaseName,
        workGroupName: this.workGroupName,
        firstBillingPeriod: props.firstBillingPeriod ?? DEFAULT_FIRST_BILLING_PERIOD,
      }),
    ]);
    this.requireUsEast1IfRegionUnknown(stack);
    exports.flatMap(unknownColumnWarnings).forEach((warning) => Annotations.of(this).addWarningV2('@finops-as-code/cdk-finops:curUnknownColumn', warning));

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.bucket = props.bucket ?? this.createReportBucket(props, infrequentAccessAfter, glacierInstantRetrievalAfter, removalPolicy);
    const deliveryPolicyDependency = this.allowDelivery(exports);
    this.queryResultsBucket = this.createQueryResultsBucket(props, removalPolicy);

    const bucketRegion = this.bucket.env.region;
    const bucketOwner = props.bucket && props.bucket.env.account !== stack.account ? props.bucket.env.account : undefined;
    const serviceLinkedRole = exports.some((config) => config.kind === 'costOptimization')
      ? this.prepareRecommendationsExport(props.createDataExportsServiceLinkedRole ?? false)
      : undefined;
    const reports = exports.map((config, index) =>
      config.kind === 'legacy' ? this.createLegacyReport(config, index, bucketRegion) : this.createDataExport(config, index, bucketRegion, bucketOwner));
    if (deliveryPolicyDependency) {
      // AWS checks the bucket policy when the report is created.
      reports.forEach((report) => report.node.addDependency(deliveryPolicyDependency));
    }
    if (serviceLinkedRole) {
      reports.filter((_, index) => exports[index].kind === 'costOptimization').forEach((report) => report.node.addDependency(serviceLinkedRole));
    }

    this.deliveries = [];
    this.tableNames = [];
    this._tables = [];
    this.tableArns = [];
    this.catalogReports(exports, props.firstBillingPeriod ?? DEFAULT_FIRST_BILLING_PERIOD, bytesScannedCutoffPerQuery);
  }

  /**
   * Grants an analyst what querying the reports in Athena takes, without action wildcards:
   * s3:GetObject on the report data and s3:ListBucket, s3:GetBucketLocation on the report bucket;
   * glue:GetDatabase, glue:GetTable(s), glue:GetPartition(s) on the database and its tables;
   * athena:StartQueryExecution, athena:GetQueryExecution, athena:GetQueryResults,
   * athena:StopQueryExecution, athena:GetWorkGroup and the named query reads on the workgroup; and
   * s3:GetObject, s3:PutObject, s3:AbortMultipartUpload, s3:ListMultipartUploadParts,
   * s3:ListBucket, s3:GetBucketLocation on the query results bucket.
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    const statement = (actions: string[], resourceArns: string[]): iam.Grant => iam.Grant.addToPrincipal({ grantee, actions, resourceArns });
    const bucketLevel = ['s3:ListBucket', 's3:GetBucketLocation'];
    const reports = this.bucket.arnForObjects(`${this.prefix}/*`);
    const queryResults = this.queryResultsBucket.arnForObjects('*');
    // The two object wildcards cannot be narrower; the grantee's cdk-nag run is told why, so the
    // user need not rebuild the finding ids from logical ids.
    acknowledgeGrantedWildcards(grantee, [
      {
        resourceArn: reports,
        reason: 'Report files are delivered by AWS under names known only at delivery; CurReport.grantRead allows reading them '
          + 'under this report prefix of this bucket only',
      },
      {
        resourceArn: queryResults,
        reason: 'Athena writes each query result under a new name; CurReport.grantRead allows reading and writing query results '
          + 'in this workgroup\'s own results bucket only',
      },
    ]);
    return statement(['s3:GetObject'], [reports])
      .combine(statement(bucketLevel, [this.bucket.bucketArn, this.queryResultsBucket.bucketArn]))
      .combine(statement(
        ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        [queryResults],
      ))
      .combine(statement(
        ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
        [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName }),
          ...this.tableArns,
        ],
      ))
      .combine(statement(
        [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
          'athena:GetWorkGroup',
          'athena:GetNamedQuery',
          'athena:ListNamedQueries',
          'athena:BatchGetNamedQuery',
        ],
        [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName })],
      ));
  }

  /** The Glue database, the Athena workgroup, and a table with named queries for each queryable report. */
  private catalogReports(exports: readonly ExportConfig[], firstBillingPeriod: string, bytesScannedCutoffPerQuery: number): void {
    const stack = Stack.of(this);
    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: this.databaseName, description: `Cost and usage reports delivered to s3://${this.bucket.bucketName}/${this.prefix}/` },
    });
    const workGroup = this.createWorkGroup(bytesScannedCutoffPerQuery);
    const tableNames = tableNamesOf(exports);
    exports.forEach((config, index) => {
      // A name known only at deploy time is shown (and named in queries) by its table.
      const label = Token.isUnresolved(config.name) ? tableNames[index] : config.name;
      const reason = notQueryableReason(config);
      if (reason !== undefined) {
        Annotations.of(this).addInfo(`${label}: no Athena table, because ${reason}`);
        this.deliveries.push({ name: config.name, dataPrefix: `${this.prefix}/${config.name}` });
        return;
      }
      const layout = tableLayout(config, tableNames[index], this.prefix, firstBillingPeriod);
      const table = this.createTable(database, config, layout);
      this.tableNames.push(layout.tableName);
      this._tables.push({
        tableName: layout.tableName,
        kind: config.kind,
        columns: layout.columns.map((column) => column.name),
        partitionKeys: layout.partitionKeys.map((column) => column.name),
      });
      this.tableArns.push(stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${this.databaseName}/${layout.tableName}` }));
      this.deliveries.push({ name: config.name, dataPrefix: layout.dataPrefix, tableName: layout.tableName });
      const { queries, skipped } = namedQueriesOf(config, `"${this.databaseName}"."${layout.tableName}"`, layout.columns.map((column) => column.name));
      if (skipped.length > 0) {
        Annotations.of(this).addInfo(
          `${label}: no named queries ${skipped.map((query) => query.id).join(', ')}, because the export's columns leave out ` +
            [...new Set(skipped.flatMap((query) => query.columns))].filter((column) => !layout.columns.some((selected) => selected.name === column)).join(', '),
        );
      }
      for (const query of queries) {
        const namedQuery = new athena.CfnNamedQuery(this, `Query-${layout.tableName}-${query.id}`, {
          name: fitName(`${label} ${query.id}`, ATHENA_NAMED_QUERY_NAME_MAX_LENGTH, ' '),
          description: query.description,
          database: this.databaseName,
          workGroup: workGroup.ref,
          queryString: query.sql,
        });
        namedQuery.node.addDependency(table);
      }
    });
  }

  /**
   * What a recommendations export needs besides its bucket: Cost Optimization Hub enabled, and the
   * Data Exports service-linked role, which "trusts the bcm-data-exports.amazonaws.com service to
   * assume the role" and whose policy "allows Data Exports to complete the following actions on the
   * specified resources: cost-optimization-hub:ListEnrollmentStatuses, cost-optimization-hub:ListRecommendation"
   * (https://docs.aws.amazon.com/cost-management/latest/userguide/data-exports-SLR.html). Returns the
   * role when this construct creates it.
   */
  private prepareRecommendationsExport(createServiceLinkedRole: boolean): iam.CfnServiceLinkedRole | undefined {
    Annotations.of(this).addWarningV2(
      '@finops-as-code/cdk-finops:curCostOptimizationHub',
      'A Cost Optimization Hub recommendations export needs Cost Optimization Hub enabled in the account ' +
        '(https://docs.aws.amazon.com/cost-management/latest/userguide/coh-getting-started.html); CloudFormation cannot check it.',
    );
    if (!createServiceLinkedRole) {
      Annotations.of(this).addWarningV2(
        '@finops-as-code/cdk-finops:curDataExportsServiceLinkedRole',
        'A Cost Optimization Hub recommendations export reads the recommendations through the Data Exports service-linked role ' +
          'AWSServiceRoleForBCMDataExports (https://docs.aws.amazon.com/cost-management/latest/userguide/data-exports-SLR.html), which must exist in the account. ' +
          'Set createDataExportsServiceLinkedRole: true to create it with this stack where it does not exist yet.',
      );
      return undefined;
    }
    return new iam.CfnServiceLinkedRole(this, 'DataExportsServiceLinkedRole', {
      awsServiceName: 'bcm-data-exports.amazonaws.com',
      description: 'Lets AWS Data Exports read Cost Optimization Hub recommendations for the recommendations export',
    });
  }

  /** In an environment-agnostic stack the region is known only at deploy: a rule stops the change set before anything is created. */
  private requireUsEast1IfRegionUnknown(stack: Stack): void {
    if (!Token.isUnresolved(stack.region)) {
      return;
    }
    Annotations.of(this).addWarningV2(
      '@finops-as-code/cdk-finops:curReportRegion',
      `Cost and Usage Reports and Data Exports exist only in ${COST_REPORT_REGION}; the stack's region is unknown at synth, so a CloudFormation rule rejects any other region before the deployment starts. Set env.region to "${COST_REPORT_REGION}" to check it at synth.`,
    );
    new CfnRule(this, 'UsEast1Only', {
      assertions: [{
        assert: Fn.conditionEquals(Aws.REGION, COST_REPORT_REGION),
        assertDescription: `Cost and Usage Reports and Data Exports exist only in ${COST_REPORT_REGION}: deploy this stack there`,
      }],
    });
  }

  private createReportBucket(
    props: CurReportProps,
    infrequentAccessAfter: Duration,
    glacierInstantRetrievalAfter: Duration,
    removalPolicy: RemovalPolicy,
  ): s3.Bucket {
    const bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // SSE-S3: the encryption both delivery services document for their target bucket; SSE-KMS would
      // need the billing services in the key policy, which they do not document.
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      objectLockDefaultRetention: props.objectLockRetention ? s3.ObjectLockRetention.governance(props.objectLockRetention) : undefined,
      lifecycleRules: [{
        id: 'cheaper-storage-for-older-reports',
        transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: infrequentAccessAfter },
          { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: glacierInstantRetrievalAfter },
        ],
        noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      }],
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsBucket ? `${this.node.path}/reports/` : undefined,
      removalPolicy,
    });
    this.acknowledgeNoAccessLogs(bucket, props);
    return bucket;
  }

  private createQueryResultsBucket(props: CurReportProps, removalPolicy: RemovalPolicy): s3.Bucket {
    const bucket = new s3.Bucket(this, 'QueryResults', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-query-results', expiration: props.queryResultsRetention ?? Duration.days(30) }],
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsBucket ? `${this.node.path}/query-results/` : undefined,
      removalPolicy,
    });
    this.acknowledgeNoAccessLogs(bucket, props);
    return bucket;
  }

  private acknowledgeNoAccessLogs(bucket: s3.Bucket, props: CurReportProps): void {
    if (!props.serverAccessLogsBucket) {
      acknowledgeRules(bucket, [{
        id: 'AwsSolutions::AwsSolutions-S1',
        reason: 'Only the AWS billing services and Athena write here and readers get access only through CurReport.grantRead; ' +
          'server access logs are off because no serverAccessLogsBucket was passed to CurReport (pass one to turn them on)',
      }]);
    }
  }

  /**
   * Lets the billing services deliver, for this account's reports only. Returns what the reports must
   * wait for, or undefined when the bucket is imported (its owner adds the policy).
   */
  private allowDelivery(exports: readonly ExportConfig[]): s3.BucketPolicy | undefined {
    const stack = Stack.of(this);
    const statements: iam.PolicyStatement[] = [];
    // Objects anywhere in the bucket, as the AWS bucket policies state
    // (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-s3-bucket.html): the services check their access
    // before the first delivery; the conditions keep the grant to this account's reports.
    const objects = this.bucket.arnForObjects('*');
    if (exports.some((config) => config.kind === 'legacy')) {
      const conditions = deliveryConditions(stack.account, `arn:${Aws.PARTITION}:cur:${COST_REPORT_REGION}:${stack.account}:definition/*`);
      const principal = new iam.ServicePrincipal('billingreports.amazonaws.com');
      statements.push(
        new iam.PolicyStatement({ sid: 'CurCheckBucket', principals: [principal], actions: ['s3:GetBucketAcl', 's3:GetBucketPolicy'], resources: [this.bucket.bucketArn], conditions }),
        new iam.PolicyStatement({ sid: 'CurDeliver', principals: [principal], actions: ['s3:PutObject'], resources: [objects], conditions }),
      );
    }
    if (exports.some((config) => config.kind !== 'legacy')) {
      statements.push(dataExportsStatement(this.bucket, stack.account));
    }
    const added = statements.map((statement) => this.bucket.addToResourcePolicy(statement).statementAdded);
    if (added.includes(false)) {
      Annotations.of(this).addWarningV2(
        '@finops-as-code/cdk-finops:curBucketPolicy',
        `The bucket ${this.bucket.bucketName} is imported: its owner must allow billingreports.amazonaws.com and bcm-data-exports.amazonaws.com to deliver ` +
          '(see https://docs.aws.amazon.com/cur/latest/userguide/dataexports-s3-bucket.html), or the reports fail to create.',
      );
      return undefined;
    }
    return this.bucket.policy;
  }

  private createLegacyReport(config: ExportConfig, index: number, bucketRegion: string): cur.CfnReportDefinition {
    return new cur.CfnReportDefinition(this, reportConstructId('Report', config, index), {
      reportName: config.name,
      timeUnit: config.timeUnit!,
      // The legacy API spells its formats its own way.
      format: config.format === ReportFormat.PARQUET ? 'Parquet' : 'textORcsv',
      compression: config.compression === ReportCompression.PARQUET ? 'Parquet' : config.compression,
      additionalSchemaElements: config.schemaElements.length > 0 ? [...config.schemaElements] : undefined,
      additionalArtifacts: config.artifacts.length > 0 ? [...config.artifacts] : undefined,
      refreshClosedReports: config.refreshClosedReports,
      reportVersioning: config.versioning,
      s3Bucket: this.bucket.bucketName,
      s3Prefix: this.prefix,
      s3Region: bucketRegion,
    });
  }

  private createDataExport(config: ExportConfig, index: number, bucketRegion: string, bucketOwner: string | undefined): bcmdataexports.CfnExport {
    const tableName = EXPORT_TABLES[config.kind as keyof typeof EXPORT_TABLES];
    const hasTableProperties = Object.keys(config.tableProperties).length > 0;
    return new bcmdataexports.CfnExport(this, reportConstructId('Export', config, index), {
      export: {
        name: config.name,
        description: config.description,
        dataQuery: {
          queryStatement: exportQueryStatement(config),
          tableConfigurations: hasTableProperties ? { [tableName]: { ...config.tableProperties } } : undefined,
        },
        destinationConfigurations: {
          s3Destination: {
            s3Bucket: this.bucket.bucketName,
            s3BucketOwner: bucketOwner,
            s3Prefix: this.prefix,
            s3Region: bucketRegion,
            s3OutputConfigurations: { outputType: 'CUSTOM', format: config.format, compression: config.compression, overwrite: config.versioning },
          },
        },
        refreshCadence: { frequency: 'SYNCHRONOUS' },
      },
    });
  }

  private createWorkGroup(bytesScannedCutoffPerQuery: number): athena.CfnWorkGroup {
    return new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: `Queries over the cost and usage reports in ${this.databaseName}`,
      state: 'ENABLED',
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery,
        resultConfiguration: {
          outputLocation: `s3://${this.queryResultsBucket.bucketName}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: Stack.of(this).account,
        },
      },
    });
  }

  private createTable(database: glue.CfnDatabase, config: ExportConfig, layout: TableLayout): glue.CfnTable {
    const location = `s3://${this.bucket.bucketName}/${layout.dataPrefix}/`;
    const table = new glue.CfnTable(this, `Table-${layout.tableName}`, {
      catalogId: Stack.of(this).account,
      databaseName: this.databaseName,
      tableInput: {
        name: layout.tableName,
        description: `${config.name}: delivered to ${location}`,
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          'classification': 'parquet',
          'projection.enabled': 'true',
          ...layout.projection,
          'storage.location.template': `${location}${layout.partitionTemplate}`,
        },
        partitionKeys: layout.partitionKeys,
        storageDescriptor: {
          location,
          columns: layout.columns,
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
      },
    });
    table.node.addDependency(database);
    return table;
  }
}

/**
 * The statement AWS documents for Data Exports, verbatim but for the bucket and account
 * (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-s3-bucket.html): "The following
 * policy is applied to every S3 bucket when creating a data export: { "Sid":
 * "EnableAWSDataExportsToWriteToS3AndCheckPolicy", "Effect": "Allow", "Principal": { "Service": [
 * "billingreports.amazonaws.com", "bcm-data-exports.amazonaws.com" ] }, "Action": [ "s3:PutObject",
 * "s3:GetBucketPolicy" ], "Resource": [ "arn:aws:s3:::${bucket_name}/*", "arn:aws:s3:::${bucket_name}" ],
 * "Condition": { "StringLike": { "aws:SourceAccount": "${accountId}", "aws:SourceArn": [
 * "arn:aws:cur:us-east-1:${accountId}:definition/*", "arn:aws:bcm-data-exports:us-east-1:${accountId}:export/*" ] } } }"
 */
function dataExportsStatement(bucket: s3.IBucket, account: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'EnableAWSDataExportsToWriteToS3AndCheckPolicy',
    principals: [new iam.ServicePrincipal('billingreports.amazonaws.com'), new iam.ServicePrincipal('bcm-data-exports.amazonaws.com')],
    actions: ['s3:PutObject', 's3:GetBucketPolicy'],
    resources: [bucket.arnForObjects('*'), bucket.bucketArn],
    conditions: {
      StringLike: {
        'aws:SourceAccount': account,
        'aws:SourceArn': [
          `arn:${Aws.PARTITION}:cur:${COST_REPORT_REGION}:${account}:definition/*`,
          `arn:${Aws.PARTITION}:bcm-data-exports:${COST_REPORT_REGION}:${account}:export/*`,
        ],
      },
    },
  });
}

/** The lifecycle settings that were given, in days (fractional when not whole). */
function lifecycleDaysOf(durations: Record<string, Duration | undefined>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(durations)
      .filter((entry): entry is [string, Duration] => entry[1] !== undefined)
      .map(([prop, duration]) => [prop, duration.toDays({ integral: false })]),
  );
}

/**
 * The construct ID of a report: `<kind>-<name>` (as before, so that existing stacks keep their
 * logical IDs), or `<kind>At<position>` when the name is known only at deploy time, since a
 * construct ID cannot hold a token.
 */
function reportConstructId(kind: 'Report' | 'Export', config: ExportConfig, index: number): string {
  return Token.isUnresolved(config.name) ? `${kind}At${index + 1}` : `${kind}-${config.name}`;
}

/** The delivering service acts for this account's reports only. */
function deliveryConditions(account: string, sourceArn: string): Record<string, Record<string, string>> {
  return { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': sourceArn } };
}
