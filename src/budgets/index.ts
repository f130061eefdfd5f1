export * from './alert-tier';
export * from './budget-action';
export * from './budget-alert';
export * from './budget-limit';
export * from './finops-budget';
export * from './organization-budgets';
