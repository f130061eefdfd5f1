export * from './report-settings';
export * from './cur-export';
export * from './cur-report';
