// Where the raw files for tests sit: $MINSEC_RAW_DATA, else ../shared/data beside the project. No vitest
// imports here, so that test/global-setup.ts can read it too; tests use it through test/helpers.ts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/model/paths.ts';

/** The raw-data folder: $MINSEC_RAW_DATA, else ../shared/data beside the project. */
export const RAW_DIR = resolve(process.env.MINSEC_RAW_DATA || join(PROJECT_ROOT, '..', 'shared', 'data'));
/** True when the raw-data folder exists (then the test database is built from it too). */
export const RAW_AVAILABLE = existsSync(RAW_DIR);
/** Marker in the names of tests skipped for want of raw data (counted in the run summary). */
export const RAW_TAG = '[needs raw data]';
export const RAW_SKIP_REASON = `raw data not found at ${RAW_DIR}: set MINSEC_RAW_DATA=DIR or put the shared data at ../shared/data`;

/** A path under the raw-data folder (it may not exist: guard reads at collection time with RAW_AVAILABLE). */
export const rawPath = (...parts: string[]) => join(RAW_DIR, ...parts);
