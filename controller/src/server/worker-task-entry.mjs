// Worker threads in Node 20 do not inherit the parent's TypeScript loader:
// register tsx here, then run the job (the packages ship TypeScript source).
import { register } from 'tsx/esm/api';

register();
await import('./worker-jobs-run.ts');
