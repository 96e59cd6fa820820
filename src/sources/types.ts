// The contract every importer meets: parse(path) streams typed records for store tables, plus row errors.
import type { RowError } from '../model/errors.ts';
import type { TableName } from '../store/schema.ts';

export type Cell = string | number | boolean | null;
/** A record: column name → value, column names as in src/store/schema.ts (without source_id/source_line). */
export type Row = Record<string, Cell>;

export type ParsedItem = { table: TableName; line: number; row: Row } | { error: RowError };

export interface SourceMeta {
  /** Import kind, as in `minsec data import <kind> <file>`. */
  kind: string;
  release: string;
  licence: string;
  citation: string;
}

export interface Importer {
  kind: string;
  /** One line for `minsec data import --help`. */
  description: string;
  tables: TableName[];
  /** Provenance for a given file (release may depend on the file name). */
  meta(path: string): SourceMeta;
  parse(path: string): AsyncIterable<ParsedItem>;
}

/** One raw file that `minsec data build` loads from the raw-data folder. */
export interface PlannedFile {
  kind: string;
  path: string;
}

/** A group of importers and the raw files of ../shared/data they load. */
export interface SourceGroup {
  importers: Importer[];
  /** The files to load from rawDir, in order. A missing expected file is reported, not skipped silently. */
  plan(rawDir: string): PlannedFile[];
}
