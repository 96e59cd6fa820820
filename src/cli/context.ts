// Opening the database for a command, from the global --db option or MINSEC_DB.
import type { Command } from 'commander';
import { UserInputError } from '../model/errors.ts';
import { Db, resolveDbPath } from '../store/db.ts';

export const dbPathOf = (cmd: Command) => resolveDbPath(cmd.optsWithGlobals().db as string | undefined);

/** Opens the database read-only for the duration of fn. */
export async function withDb<T>(cmd: Command, fn: (db: Db) => Promise<T>): Promise<T> {
  const path = dbPathOf(cmd);
  if (!Db.exists(path))
    throw new UserInputError(
      `no database at ${path}. Build it first: minsec data build${cmd.optsWithGlobals().db ? ` --db ${path}` : ''}`,
    );
  const db = await Db.open(path, { readOnly: true });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
