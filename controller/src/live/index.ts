/** The live show: one show playing on its transmitters (ShowSession) and the server's runtime around it. */
export { ShowSession, ShowSessionError, showProblems, DEFAULT_TRANSMITTERS, DEFAULT_GO_LOCKOUT_MS, type ShowSessionOptions, type SessionSnapshot, type PlaybackSnapshot, type Playback, type SessionReport, type SessionWarning, type ParadeRun, type OpenSessionTransmitter } from './show-session';
export { LiveShowRuntime, RuntimeError, type LiveShowRuntimeOptions, type LiveTransmitters, type LogFn } from './live-show-runtime';
export type { LiveRuntime, LiveWarning, LiveCommandName } from './live-runtime';
export { liveStateOf, idleState, stepLookAsLook } from './live-state';
export { ParadePreview, type ParadePreviewOptions } from './parade-preview';
export { readRuntimeFile, writeRuntimeFile, runtimeRecord, snapshotAt, runtimeFilePath, RUNTIME_FILE, type RuntimeFile } from './runtime-file';
export { configsFromUrls, checkConfigs, type ConfigProblem } from './transmitter-configs';
export { trimParade } from './trim-parade';
export { BrandRunner, type BrandPlayback, type BrandRunnerOptions } from './brand-runner';
