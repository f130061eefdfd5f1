import { readSnsEvent } from '../../../src/runtime/budget-alerts/sns-event';

describe('readSnsEvent', () => {
  test('reads the message of every record', () => {
    expect(readSnsEvent({ Records: [{ Sns: { MessageId: 'a', Message: 'first' } }, { Sns: { MessageId: 'b', Message: 'second' } }] })).toEqual({
      messages: [{ messageId: 'a', message: 'first' }, { messageId: 'b', message: 'second' }],
      malformed: [],
    });
  });

  test.each([
    ['undefined', undefined],
    ['null', null],
    ['an event without Records', {}],
    ['Records that are not a list', { Records: { Sns: {} } }],
  ])('%s is one malformed input, not a TypeError', (_name, event) => {
    expect(readSnsEvent(event)).toEqual({ messages: [], malformed: [{ reason: 'the event has no Records list' }] });
  });

  test('records without Sns or without a text message are malformed, the others still read', () => {
    expect(readSnsEvent({ Records: [null, {}, { Sns: { Message: 42 } }, { Sns: { Message: 'ok' } }] })).toEqual({
      messages: [{ messageId: 'record 3', message: 'ok' }],
      malformed: [
        { recordIndex: 0, reason: 'the record has no Sns' },
        { recordIndex: 1, reason: 'the record has no Sns' },
        { recordIndex: 2, reason: 'the record\'s Sns.Message is not text' },
      ],
    });
  });
});
