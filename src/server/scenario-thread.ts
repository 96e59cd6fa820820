// Heavy scenario runs off the request thread: the job (read from the database on the main thread) is computed in a
// worker thread, so the server keeps answering other requests meanwhile; at the deadline the worker is terminated
// and the request gets a 503 naming the limit. At most `SCENARIO_THREADS` run at once (one core is left to the
// server); a request that waits for a thread spends its own deadline waiting.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ScenarioJob } from '../analysis/scenario/compute.ts';
import { UserInputError } from '../model/errors.ts';
import type { ScenarioResult } from '../model/results/scenario.ts';
import { ApiError } from './errors.ts';

export const SCENARIO_THREADS = Math.max(1, availableParallelism() - 1);

const BOOT = new URL('./worker-boot.js', import.meta.url);
const ENTRY = new URL('./scenario-worker.ts', import.meta.url).href;

let running = 0;
let started = 0;
const waiting: (() => void)[] = [];

/** Worker threads started and running now (for the server's status and its tests). */
export const scenarioThreads = () => ({ started, running, waiting: waiting.length });

const tooLong = (deadlineMs: number) =>
  new ApiError(
    503,
    `the scenario would run past the server's limit of ${(deadlineMs / 1000).toFixed(1)} s: stopped`,
    {
      hint: 'ask for fewer Monte Carlo draws, months or minerals, or run it with the CLI (minsec scenario run)',
    },
  );

/** Computes the job in a worker thread; rejects with a 503 when `deadlineMs` passes first. */
export function runJobOffThread(job: ScenarioJob, deadlineMs: number): Promise<ScenarioResult> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    let worker: Worker | null = null;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (worker) {
        void worker.terminate();
        running--;
        waiting.shift()?.();
      } else {
        const i = waiting.indexOf(start);
        if (i >= 0) waiting.splice(i, 1);
      }
      fn();
    };
    const timer = setTimeout(() => finish(() => reject(tooLong(deadlineMs))), deadlineMs);
    function start() {
      if (settled) return;
      running++;
      started++;
      worker = new Worker(BOOT, { workerData: { entry: ENTRY, job } });
      worker.on(
        'message',
        (m: {
          result?: ScenarioResult;
          error?: { message: string; field?: string; status?: number; name: string };
        }) => {
          if (m.result) finish(() => resolve(m.result!));
          else if (m.error)
            finish(() =>
              reject(
                m.error!.name === 'UserInputError'
                  ? new UserInputError(m.error!.message, m.error!.field, m.error!.status === 404 ? 404 : 400)
                  : new Error(m.error!.message),
              ),
            );
        },
      );
      worker.on('error', (e) => finish(() => reject(e)));
      worker.on('exit', (code) =>
        finish(() =>
          reject(new Error(`the scenario thread stopped (exit ${code}) after ${Date.now() - t0} ms`)),
        ),
      );
    }
    if (running < SCENARIO_THREADS) start();
    else waiting.push(start);
  });
}
