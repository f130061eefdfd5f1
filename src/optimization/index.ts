export * from './approval-options';
export * from './commitment-options';
export * from './optimization-pipeline';
export * from './optimizer';
export * from './optimizer-run-target';
export * from './organization-scope';
export * from './priority-formula';
export * from './optimization-enrollment';
