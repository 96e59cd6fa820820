// CEPII BACI per-year flow files (flows-by-year/flows_YYYY.json): `materials.<name> = [{from, to, value, qty}]`
// with ISO2 codes (BACI's Taiwan already mapped to TW), value in USD, qty in tonnes (only flows_2024.json carries qty; earlier years load with quantity null).
//
// Line numbers: a JSON file has no meaningful lines, so a record's `line` is its 1-based index counting the
// records of every material in the file's own order (the first edge of the first material is 1). Skipped
// duplicates (below) keep their index, so a line always names the same record in the file.
//
// Shared codes: each material maps to its model mineral (mineralForBaciMaterial) and that mineral's in-BACI
// HS6 code. gallium, germanium and hafnium all sit in HS 811292 and the files repeat the same 811292 edges
// under each of them; an edge is loaded once per (hs, exporter, importer), under the code's owner (the first
// model mineral listing it: gallium), whichever material delivers it first. A repeat with a different value
// is a row error (the file would contradict itself); identical repeats under another material are skipped; a
// repeat under the same material is a duplicate record, an error naming both records.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RowError } from '../model/errors.ts';
import { mineralForBaciMaterial } from '../model/minerals.ts';
import { hsOwner, tradeIso3FromIso2 } from './trade-codes.ts';
import type { ParsedItem } from './types.ts';

interface Edge {
  from?: unknown;
  to?: unknown;
  value?: unknown;
  qty?: unknown;
}

/** The year in a flows file name (flows_2019.json → 2019). */
export const flowsFileYear = (path: string) =>
  Number(/flows_(\d{4})\.json$/.exec(basename(path))?.[1] ?? Number.NaN);

/** The model HS6 code a BACI material's flows are filed under (the mineral's code carried by BACI). */
export function baciMaterialCode(material: string): { mineral: string; hs6: string } | undefined {
  const m = mineralForBaciMaterial(material);
  const code = m?.hs.find((h) => h.inBaci)?.hs6;
  if (!m || !code) return undefined;
  return { mineral: hsOwner(code)?.id ?? m.id, hs6: code };
}

/** Largest flows file read (the shared ones are under 1 MB; 64 MB is an assumption that bounds memory). */
export const MAX_FLOWS_BYTES = 64 << 20;

export async function* parseBaciFlowsJson(path: string): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  const size = (await stat(path)).size;
  if (size > MAX_FLOWS_BYTES) {
    yield {
      error: {
        file,
        line: 0,
        message: `the file has ${size.toLocaleString('en')} bytes, more than the ${MAX_FLOWS_BYTES.toLocaleString('en')} a flows file may have`,
        hint: 'check that this is a flows_YYYY.json file',
      },
    };
    return;
  }
  let doc: { year?: unknown; materials?: Record<string, Edge[]> };
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    yield {
      error: {
        file,
        line: 0,
        message: `not valid JSON: ${(e as Error).message}`,
        hint: 'the file may be truncated',
      },
    };
    return;
  }
  const year = doc.year;
  if (!Number.isInteger(year) || !doc.materials || typeof doc.materials !== 'object') {
    yield {
      error: {
        file,
        line: 0,
        field: 'year',
        message: 'expected {year, materials: {<name>: [...]}}',
        hint: 'check that this is a flows_YYYY.json file',
      },
    };
    return;
  }
  const named = flowsFileYear(path);
  if (Number.isFinite(named) && named !== year) {
    yield {
      error: {
        file,
        line: 0,
        field: 'year',
        message: `the file is named for ${named} but its year is ${year}`,
        hint: 'rename the file after the year it holds',
      },
    };
    return;
  }
  const seen = new Map<string, { value: number; line: number; material: string }>();
  let line = 0;
  for (const [material, edges] of Object.entries(doc.materials)) {
    const code = baciMaterialCode(material);
    if (!Array.isArray(edges)) {
      yield {
        error: { file, line: line + 1, field: `materials.${material}`, message: 'expected a list of edges' },
      };
      continue;
    }
    for (const e of edges) {
      line++;
      const err = (field: string, message: string): { error: RowError } => ({
        error: { file, line, field, message },
      });
      if (!code) {
        yield err('material', `material "${material}" maps to no model mineral with a BACI code`);
        continue;
      }
      const exporter = typeof e.from === 'string' ? tradeIso3FromIso2(e.from) : undefined;
      const importer = typeof e.to === 'string' ? tradeIso3FromIso2(e.to) : undefined;
      const qty = e.qty ?? null;
      if (!exporter) yield err('from', `unknown ISO2 country code "${e.from}"`);
      else if (!importer) yield err('to', `unknown ISO2 country code "${e.to}"`);
      else if (typeof e.value !== 'number' || !Number.isFinite(e.value))
        yield err('value', `value must be a number, got ${e.value}`);
      else if (qty !== null && (typeof qty !== 'number' || !Number.isFinite(qty)))
        yield err('qty', `qty must be a number, got ${qty}`);
      else {
        const key = `${code.hs6}|${exporter}|${importer}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          if (earlier.value !== e.value)
            yield err(
              'value',
              `edge ${key} repeats with value ${e.value}, earlier ${earlier.value} (record ${earlier.line})`,
            );
          else if (earlier.material === material)
            yield err(
              'material',
              `duplicate of record ${earlier.line}: the same edge ${key} under "${material}"`,
            );
          continue;
        }
        seen.set(key, { value: e.value, line, material });
        yield {
          table: 'trade',
          line,
          row: {
            dataset: 'baci',
            year: year as number,
            month: null,
            exporter,
            importer,
            hs: code.hs6,
            mineral: code.mineral,
            flow: null,
            value_usd: e.value,
            quantity_t: qty as number | null,
          },
        };
      }
    }
  }
}
