/**
 * Tag on each optimizer function: billed Cost Explorer requests per run when every answer fits
 * one page. The review reads it from the synthesized template to estimate the monthly API spend.
 */
export const COST_EXPLORER_REQUESTS_TAG = 'finops:cost-explorer-requests-per-run';
