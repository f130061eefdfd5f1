export * from './core';
export * from './budgets';
