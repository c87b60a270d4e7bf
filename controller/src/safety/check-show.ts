/** The show's flash check lives in the protocol package, shared with the console's composer. */
export { checkShow, compileShowParades } from '@crowdcue/protocol';
