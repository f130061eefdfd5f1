import { HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { ACCEPTED_COMPLIANCE_FINDINGS, acknowledgeComplianceFindings } from '../../examples/compliance';
import { buildFinOpsApp } from '../../examples/finops-stack';
import { nagFindings } from '../support/nag';

/** Runs the compliance packs over the example app and returns what synthesis reports ("" when clean). */
function complianceFindings(acknowledge: boolean): string {
  const { app, stack } = buildFinOpsApp();
  if (acknowledge) {
    acknowledgeComplianceFindings(stack);
  }
  return nagFindings(app, [new HIPAASecurityChecks(app), new NIST80053R5Checks(app), new PCIDSS321Checks(app)]);
}

describe('the example FinOps app under the HIPAA Security, NIST 800-53 rev 5 and PCI DSS 3.2.1 packs', () => {
  test('leaves no finding without a fix or a written reason', () => {
    expect(complianceFindings(true)).toBe('');
  });

  test('every accepted finding is really found, so no reason is stale', () => {
    const findings = complianceFindings(false);
    for (const rule of Object.keys(ACCEPTED_COMPLIANCE_FINDINGS)) {
      expect(findings).toContain(`-${rule}`);
    }
  });
});
