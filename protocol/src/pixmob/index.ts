/** PixMob IR bands through an IR forwarder sketch (spec section 5). */
export * from './ir-code';
export * from './forwarder-line';
export * from './nearest';
