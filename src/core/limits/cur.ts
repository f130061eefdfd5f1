/**
 * Limits of the legacy Cost and Usage Report (AWS CUR) and of AWS Data Exports, checked at synth
 * by CurReport.
 */

// ---------------------------------------------------------------------------------------------
// Regions
// https://docs.aws.amazon.com/general/latest/gr/billing.html
// ---------------------------------------------------------------------------------------------

/**
 * The AWS CUR API (cur.us-east-1.amazonaws.com) and AWS Data Exports (bcm-data-exports.us-east-1.amazonaws.com)
 * have one endpoint, in us-east-1: AWS::CUR::ReportDefinition and AWS::BCMDataExports::Export exist only there.
 * https://docs.aws.amazon.com/general/latest/gr/billing.html
 */
export const COST_REPORT_REGION = 'us-east-1';

// ---------------------------------------------------------------------------------------------
// Legacy CUR report definitions
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_cur_ReportDefinition.html
// ---------------------------------------------------------------------------------------------

/** ReportName: "Length Constraints: Maximum length of 256". API_cur_ReportDefinition.html */
export const LEGACY_REPORT_NAME_MAX_LENGTH = 256;
/** ReportName: "Pattern: [0-9A-Za-z!\-_.*\'()]+". API_cur_ReportDefinition.html */
export const LEGACY_REPORT_NAME_PATTERN = /^[0-9A-Za-z!\-_.*'()]+$/;
/** S3Prefix: "Maximum length of 256". API_cur_ReportDefinition.html */
export const LEGACY_REPORT_PREFIX_MAX_LENGTH = 256;
/** S3Prefix: "Pattern: [0-9A-Za-z!\-_.*\'()/]*". API_cur_ReportDefinition.html */
export const REPORT_PREFIX_PATTERN = /^[0-9A-Za-z!\-_.*'()/]*$/;

/**
 * Format/compression pairs of the legacy report: textORcsv with ZIP or GZIP, Parquet with Parquet.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cur-reportdefinition.html
 */
export const LEGACY_COMPRESSIONS_BY_FORMAT: Readonly<Record<string, readonly string[]>> = {
  PARQUET: ['PARQUET'],
  TEXT_OR_CSV: ['ZIP', 'GZIP'],
};

/**
 * The ATHENA artifact "can't be combined with other artifact types", needs the Parquet format and
 * OVERWRITE_REPORT versioning; REDSHIFT and QUICKSIGHT read text/CSV.
 * https://docs.aws.amazon.com/cur/latest/userguide/cur-query-athena.html
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_cur_ReportDefinition.html
 */
export const ATHENA_ARTIFACT_DOC = 'https://docs.aws.amazon.com/cur/latest/userguide/cur-query-athena.html';

// ---------------------------------------------------------------------------------------------
// AWS Data Exports
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_DataExports_Export.html
// ---------------------------------------------------------------------------------------------

/** Export Name: "Length Constraints: Minimum length of 1. Maximum length of 128." API_DataExports_Export.html */
export const EXPORT_NAME_MAX_LENGTH = 128;
/**
 * Export Name: "Pattern: [0-9A-Za-z\-_]+"
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_DataExports_Export.html), and
 * CloudFormation's AWS::BCMDataExports::Export Name "Pattern: ^[0-9A-Za-z\-_]+$"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-bcmdataexports-export-export.html).
 * Some translated copies of the API page still show the legacy report's wider set (`!.*'()`); the stack is
 * deployed by CloudFormation, whose pattern is the narrower one.
 */
export const EXPORT_NAME_PATTERN = /^[0-9A-Za-z\-_]+$/;
/** Export Description: "Maximum length of 1024". API_DataExports_Export.html */
export const EXPORT_DESCRIPTION_MAX_LENGTH = 1024;
/** S3Prefix: "Maximum length of 1024". API_bcm-data-exports_S3Destination.html */
export const EXPORT_PREFIX_MAX_LENGTH = 1024;

/**
 * Format/compression pairs of Data Exports: TEXT_OR_CSV with GZIP, PARQUET with PARQUET (no ZIP).
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_bcm-data-exports_S3OutputConfigurations.html
 */
export const EXPORT_COMPRESSIONS_BY_FORMAT: Readonly<Record<string, readonly string[]>> = {
  PARQUET: ['PARQUET'],
  TEXT_OR_CSV: ['GZIP'],
};

/** Column names of the Data Exports tables: lower-case letters, digits and underscores. dataexports-table-dictionary.html */
export const EXPORT_COLUMN_PATTERN = /^[a-z][a-z0-9_]*$/;
/** FOCUS columns are PascalCase, AWS extensions start with "x_". table-dictionary-focus-1-0-aws.html */
export const FOCUS_COLUMN_PATTERN = /^(x_)?[A-Za-z][A-Za-z0-9]*$/;

/**
 * Data Exports deliver CUR 2.0 into one folder per billing period, "BILLING_PERIOD=YYYY-MM".
 * https://docs.aws.amazon.com/cur/latest/userguide/dataexports-export-delivery.html
 */
export const BILLING_PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The table dictionary: which columns and table configurations each table has. */
export const DATA_EXPORTS_TABLE_DICTIONARY = 'https://docs.aws.amazon.com/cur/latest/userguide/dataexports-table-dictionary.html';

// ---------------------------------------------------------------------------------------------
// Athena
// https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html
// ---------------------------------------------------------------------------------------------

/** BytesScannedCutoffPerQuery: "Valid Range: Minimum value of 10000000" (10 MB). API_WorkGroupConfiguration.html */
export const ATHENA_MIN_BYTES_SCANNED_CUTOFF = 10_000_000;
/** WorkGroup Name: "Pattern: [a-zA-Z0-9._-]{1,128}". API_WorkGroup.html */
export const ATHENA_WORKGROUP_NAME_PATTERN = /^[a-zA-Z0-9._-]{1,128}$/;

/**
 * Named query Name: "Length Constraints: Minimum length of 1. Maximum length of 128."
 * https://docs.aws.amazon.com/athena/latest/APIReference/API_NamedQuery.html
 */
export const ATHENA_NAMED_QUERY_NAME_MAX_LENGTH = 128;

/** Named query Description: "Length Constraints: Minimum length of 1. Maximum length of 1024." (API_NamedQuery.html, as above) */
export const ATHENA_NAMED_QUERY_DESCRIPTION_MAX_LENGTH = 1024;

// ---------------------------------------------------------------------------------------------
// Glue
// https://docs.aws.amazon.com/glue/latest/webapi/API_DatabaseInput.html
// ---------------------------------------------------------------------------------------------

/**
 * Database and table names: 1-255 characters; Athena accepts lower-case letters, digits and
 * underscores only. https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html
 */
export const GLUE_NAME_PATTERN = /^[a-z0-9_]{1,255}$/;
/**
 * "The string must not be less than 1 or more than 255 bytes long" (database, table and column
 * names). https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html
 */
export const GLUE_NAME_MAX_LENGTH = 255;

// ---------------------------------------------------------------------------------------------
// S3 lifecycle
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
// ---------------------------------------------------------------------------------------------

/** Objects stay at least 30 days in S3 Standard before a transition to Standard-IA. lifecycle-transition-general-considerations.html */
export const STANDARD_IA_MIN_DAYS = 30;
