export * from './core';
export * from './budgets';
export * from './anomaly';
export * from './cost-categories';
export * from './cur';
export * from './optimization';
export * from './nag';
export * from './organization';
