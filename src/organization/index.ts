export * from './member-role-trust';
export * from './member-deployment-target';
export * from './member-stack-set-options';
export * from './organization-member-roles';
export * from './member-account-budgets';
