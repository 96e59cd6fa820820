// Where the project's own files sit, independent of the working directory.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const referencePath = (...parts: string[]) => join(PROJECT_ROOT, 'data', 'reference', ...parts);
/** Default raw-data folder: ../shared/data beside the project (see DESIGN.md, Data rules). */
export const DEFAULT_RAW_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'data');
