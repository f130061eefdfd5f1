export * from './approval-options';
export * from './commitment-options';
export * from './cost-analysis-options';
export * from './optimization-pipeline';
export * from './optimizer';
export * from './organization-scope';
export * from './priority-formula';
export * from './optimization-enrollment';
