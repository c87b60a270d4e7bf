/**
 * Photosensitive flash safety: the one owner of how flashes are counted and
 * of the show check that the controller runs at load and the console runs
 * while a designer composes.
 */
export { checkShow, compileShowParades, type CompiledShowParades } from './check-show';
export { checkShowFile, type CheckShowFileResult } from './check-show-file';
export { showDraftOf, draftRefusal } from './show-draft';
export { clampLook, type ClampedLook } from './clamp-look';
export { effectFlashesPerSecond, minSafePeriodMs, type EffectLike } from './effect-flash-rate';
export { flashLimit, perSecond, type FlashLimit } from './flash-limit';
export { worstFlashWindow, FLASH_WINDOW_MS, type TimelineEntry as FlashTimelineEntry, type TimelineLook as FlashTimelineLook, type TimelineWorst as FlashTimelineWorst } from './timeline-flash';
export { ChangeCounter, FLASH_METRICS, flashLevel, metricStep, type FlashMetric } from './flash-metrics';
