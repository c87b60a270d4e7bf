/** REST payloads: what the controller's HTTP routes answer, typed once for the server and the console. */
export * from './shows';
export * from './brand';
export * from './proof-of-play';
export * from './brand-words';
