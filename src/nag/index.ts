export * from './finops-checks';
