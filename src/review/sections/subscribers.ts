import { readable, referenceInWords, SynthesizedStack } from '../template';

/**
 * The subscribers of a budget notification, budget action or anomaly subscription in words, sorted:
 * topics by construct path, email addresses as written.
 */
export function describeSubscribers(stack: SynthesizedStack, subscribers: unknown): string[] {
  if (!Array.isArray(subscribers)) {
    return subscribers === undefined ? [] : [readable(subscribers)];
  }
  return subscribers
    .map((subscriber) => {
      const kind = subscriber?.SubscriptionType ?? subscriber?.Type;
      return kind === 'SNS' ? `SNS ${referenceInWords(stack, subscriber.Address)}` : `email ${readable(subscriber?.Address)}`;
    })
    .sort();
}
