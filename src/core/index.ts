export * from './alert-topic';
export * from './cost-filter';
