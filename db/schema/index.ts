export * from './members.js';
export * from './inbound-events.js';
export * from './outbox.js';
export * from './card-messages.js';
export * from './audit-log.js';
export * from './settings.js';
