export * from './member-role-trust';
