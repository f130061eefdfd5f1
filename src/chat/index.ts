export * from './chat-channel';
export * from './chat-delivery';
