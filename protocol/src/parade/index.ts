/** The parade compiler: pure, so the controller plays and the console rehearses the same band-side sends. */
export * from './compile-parade';
export { angleToDir, dirToAngle, solidEffect, type StepColor, type StepEffect, type StepLook } from './step-look';
