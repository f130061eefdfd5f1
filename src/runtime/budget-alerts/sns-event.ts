/** One SNS message of a Lambda event: its ID (for logs) and its text. */
export interface SnsMessage {
  readonly messageId: string;
  readonly message: string;
  /** When SNS published the message (ISO-8601), if the record says: the same on every redelivery of it. */
  readonly timestamp?: string;
}

/** Why part of an event cannot be read. */
export interface MalformedInput {
  /** The record's position in the event, or undefined when the event itself is malformed. */
  readonly recordIndex?: number;
  readonly reason: string;
}

/**
 * The messages of an SNS event, and what could not be read from it. The handler's input is not
 * trusted: an event without `Records`, a record without `Sns` or a message that is not text is
 * reported as malformed instead of throwing.
 */
export function readSnsEvent(event: unknown): { messages: SnsMessage[]; malformed: MalformedInput[] } {
  const records = (event as { Records?: unknown } | null | undefined)?.Records;
  if (!Array.isArray(records)) {
    return { messages: [], malformed: [{ reason: 'the event has no Records list' }] };
  }
  const messages: SnsMessage[] = [];
  const malformed: MalformedInput[] = [];
  records.forEach((record: unknown, recordIndex) => {
    const sns = (record as { Sns?: { Message?: unknown; MessageId?: unknown; Timestamp?: unknown } } | null | undefined)?.Sns;
    if (typeof sns?.Message !== 'string') {
      malformed.push({ recordIndex, reason: sns ? 'the record\'s Sns.Message is not text' : 'the record has no Sns' });
      return;
    }
    messages.push({
      messageId: typeof sns.MessageId === 'string' ? sns.MessageId : `record ${recordIndex}`,
      message: sns.Message,
      timestamp: typeof sns.Timestamp === 'string' ? sns.Timestamp : undefined,
    });
  });
  return { messages, malformed };
}
