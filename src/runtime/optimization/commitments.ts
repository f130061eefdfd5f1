import { Risk } from './opportunity';

/** Reads a Cost Explorer `TermInYears` and `PaymentOption` as words: "1-year partial upfront". */
export function describeCommitment(termInYears: string, paymentOption: string): string {
  const term = termInYears === 'THREE_YEARS' ? '3-year' : '1-year';
  return `${term} ${paymentOption.toLowerCase().replace(/_/g, ' ')}`;
}

/** A one-year commitment is a MEDIUM risk, a three-year one HIGH: usage rarely stays put for three years. */
export function commitmentRisk(termInYears: string): Risk {
  return termInYears === 'THREE_YEARS' ? Risk.HIGH : Risk.MEDIUM;
}
