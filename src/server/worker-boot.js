// Bootstrap of a worker thread: registers the TypeScript loader (tsx, a runtime dependency) in this thread, then
// loads the worker module named in workerData.entry. Plain JavaScript so that a worker starts the same way under
// tsx and under the compiled CLI.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
