// A scenario run in a worker thread: the job (plain JSON, prepared on the main thread) in, the result or the
// error out. The server terminates the thread at its deadline (scenario-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from '../services/scenario.ts';

try {
  parentPort!.postMessage({ result: await runJob(workerData.job) });
} catch (e) {
  const err = e as Error & { field?: string; status?: number };
  parentPort!.postMessage({
    error: { name: err.name, message: err.message, field: err.field, status: err.status },
  });
}
