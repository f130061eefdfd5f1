/** Options shared by the recommendation normalizers. */
export interface NormalizerOptions {
  /**
   * The account to attribute a recommendation to when the response does not name one (e.g.
   * a payer-scope purchase recommendation): usually the account the handler runs in.
   * @default 'unknown'
   */
  readonly accountId?: string;
}

/** The account of a recommendation, or the fallback. */
export function accountOf(accountId: string | undefined, options: NormalizerOptions): string {
  return accountId !== undefined && accountId !== '' ? accountId : options.accountId ?? 'unknown';
}
