/** Live overrides are slowed to the flash limit by the protocol's safety module (one owner). */
export { clampLook, type ClampedLook } from '@crowdcue/protocol';
