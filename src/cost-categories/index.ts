export * from './cost-allocation-tags';
export * from './cost-category-org';
export * from './cost-category-rule';
export * from './split-charge-rule';
