// Entry of the headless server (`npm run serve`, tests, browser mode). Node's on-disk compile cache
// is switched on before the rest loads: compiling the bundle and its dependencies was about a
// quarter of a cold start, and every start after the first reuses the cached code.
import { enableCompileCache } from 'node:module';
import { applyV8Options } from './core/v8-options';

enableCompileCache?.();
applyV8Options();
await import('./headless-server');
