/** The four optimizers of a pipeline. */
export enum OptimizerKind {
  /** Spend by service, trend, forecast with its prediction interval, anomalies. */
  COST_ANALYSIS = 'cost-analysis',
  /** EC2 rightsizing, idle and Graviton recommendations (recommended, never executed). */
  RIGHTSIZING = 'rightsizing',
  /** gp2 volumes to move to gp3, unattached volumes, snapshots past retention. */
  STORAGE = 'storage',
  /** Reserved Instance and Savings Plans purchases (recommended, never bought). */
  COMMITMENTS = 'commitments',
}
