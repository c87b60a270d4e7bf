/** The flash limit a show plays under is owned by the protocol's safety module. */
export { flashLimit, perSecond, type FlashLimit } from '@crowdcue/protocol';
