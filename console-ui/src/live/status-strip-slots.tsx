/**
 * Status components that sit in the live page's status strip beside the
 * link, lateness, airtime, NACK and clock figures: input and standby status
 * (timecode, lighting desk, OSC, backup controller). Each is a small component
 * that reads the live store itself and renders one compact `.strip-item`;
 * add it to this list and the strip shows it.
 */
import type { ComponentType } from 'react';

export const STATUS_STRIP_SLOTS: readonly ComponentType[] = [];
