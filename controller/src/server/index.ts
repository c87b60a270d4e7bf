/** The controller server: the fastify app, the assembled server `crowdcue start` runs, the console build. */
export { buildApp, type AppOptions } from './app';
export { startControllerServer, DEFAULT_PORT, DEFAULT_HOST, DEFAULT_DATA_DIR, type ControllerServer, type ControllerServerOptions } from './controller-server';
export { ensureConsoleBuilt, consoleStaleReason, CONSOLE_DIR, type ConsoleBuildOptions, type ConsoleBuildResult } from './console-build';
export { startFromCli, parseStartArgs, type StartOptions } from '../cli/commands/start';
