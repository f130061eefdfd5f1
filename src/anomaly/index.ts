export * from './anomaly-alert-frequency';
export * from './anomaly-subscription';
export * from './anomaly-threshold';
export * from './cost-anomaly-monitor';
