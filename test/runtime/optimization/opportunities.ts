import { createOpportunity, Decimal, Opportunity, OpportunityInput } from '../../../src/runtime/optimization';

/** An opportunity for tests: a LOW/LOW rightsizing of 100.00 out of 200.00 unless overridden. */
export function testOpportunity(overrides: Partial<Omit<OpportunityInput, 'currentMonthlyCost' | 'monthlySavings' | 'upfrontCost'>> & {
  currentMonthlyCost?: string;
  monthlySavings?: string;
  upfrontCost?: string;
} = {}): Opportunity {
  const { currentMonthlyCost, monthlySavings, upfrontCost, ...rest } = overrides;
  return createOpportunity({
    id: 'test:1',
    type: 'RIGHTSIZING',
    resourceId: 'i-1',
    service: 'EC2',
    region: 'us-east-1',
    accountId: '111122223333',
    effort: 'LOW',
    risk: 'LOW',
    source: 'COST_EXPLORER',
    action: 'Resize i-1',
    ...rest,
    currentMonthlyCost: new Decimal(currentMonthlyCost ?? '200'),
    monthlySavings: new Decimal(monthlySavings ?? '100'),
    upfrontCost: new Decimal(upfrontCost ?? '0'),
  });
}
