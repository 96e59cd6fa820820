// Trade-code transparency audit: for a mineral, which of its HS6 codes it shares with other materials, and how
// much of an importer's trade in the mineral sits in shared codes (where the mineral's own trade cannot be told
// apart and every figure is an upper bound). Code sharing per WCO HS 2017 (e.g. 811292 covers unwrought
// gallium, germanium, indium, niobium, rhenium, hafnium, vanadium and thallium: src/model/minerals.ts).
// The case for new national tariff lines: the shared-code share is the part of the picture a split would reveal.
export interface AuditCode {
  hs6: string;
  sharedWith: readonly string[];
}

export interface CodeAudit {
  codes: { hs6: string; shared: boolean; sharedWith: string[] }[];
  /** Value share 0..1 of the importer's trade in the mineral's codes that sits in shared codes; null without trade. */
  sharedShare: number | null;
  sharedValue: number;
  totalValue: number;
}

export function codeAudit(
  mineral: string,
  codes: readonly AuditCode[],
  valueByCode: ReadonlyMap<string, number>,
): CodeAudit {
  const list = codes.map((c) => {
    const others = c.sharedWith.filter((m) => m !== mineral);
    return { hs6: c.hs6, shared: others.length > 0, sharedWith: others };
  });
  const sharedCodes = new Set(list.filter((c) => c.shared).map((c) => c.hs6));
  let total = 0;
  let shared = 0;
  for (const [hs, v] of valueByCode) {
    total += v;
    if (sharedCodes.has(hs)) shared += v;
  }
  return {
    codes: list,
    sharedShare: total > 0 ? shared / total : null,
    sharedValue: shared,
    totalValue: total,
  };
}
