// Calibrating a licensing preset against China's monthly exports (issue 11, item 6): what the monthly customs
// series shows around a measure's effective month, per destination. Pure.
//   ratio_d = (Σ exports to d in the 12 months from the effective month) ÷ (Σ in the 12 months before)
//   implied cut_d = max(0, 1 − ratio_d), and the same for the first three months against the same three months a
//   year earlier (seasonality), in quantity (kg as reported) and in value (USD).
// A ratio at or above 1 means the series shows no cut at that code; for a code shared by several metals
// (HS 811292: gallium, germanium, indium, niobium, rhenium, vanadium…) a cut of one metal can hide under the others,
// which is what the statement says.

export interface MonthlyExport {
  /** 'YYYY-MM'. */
  month: string;
  partner: string;
  hs6: string;
  valueUsd: number;
  quantity: number | null;
}

export interface CalibrationRow {
  partner: string;
  before12: { quantity: number; value: number };
  after12: { quantity: number; value: number };
  ratioQuantity: number | null;
  ratioValue: number | null;
  impliedCut: number | null;
  first3: { quantity: number; sameMonthsYearBefore: number; ratio: number | null };
}

export interface Calibration {
  hs6: string;
  effective: string;
  months: { from: string; to: string };
  rows: CalibrationRow[];
  /** Whether the series covers the 12 months after the effective month. */
  complete: boolean;
}

const addMonths = (ym: string, k: number) => {
  const [y, m] = ym.split('-').map(Number);
  const i = y * 12 + (m - 1) + k;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

export function calibrateAgainstMonthly(
  rows: readonly MonthlyExport[],
  hs6: string,
  effective: string,
  partners: readonly string[],
): Calibration {
  const sel = rows.filter((r) => r.hs6 === hs6);
  const months = sel.map((r) => r.month).sort();
  const first = months[0] ?? '';
  const last = months.at(-1) ?? '';
  const window = (p: string, from: string, n: number) => {
    const to = addMonths(from, n - 1);
    let quantity = 0;
    let value = 0;
    for (const r of sel)
      if (r.partner === p && r.month >= from && r.month <= to) {
        quantity += r.quantity ?? 0;
        value += r.valueUsd;
      }
    return { quantity, value };
  };
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    hs6,
    effective,
    months: { from: first, to: last },
    complete: last >= addMonths(effective, 11) && first <= addMonths(effective, -12),
    rows: partners.map((p) => {
      const before12 = window(p, addMonths(effective, -12), 12);
      const after12 = window(p, effective, 12);
      const f3 = window(p, effective, 3).quantity;
      const y3 = window(p, addMonths(effective, -12), 3).quantity;
      const rq = ratio(after12.quantity, before12.quantity);
      return {
        partner: p,
        before12,
        after12,
        ratioQuantity: rq,
        ratioValue: ratio(after12.value, before12.value),
        impliedCut: rq === null ? null : Math.max(0, 1 - rq),
        first3: { quantity: f3, sameMonthsYearBefore: y3, ratio: ratio(f3, y3) },
      };
    }),
  };
}

/** The statement a run prints: what the series shows, and what the preset does with it. */
export function calibrationStatement(c: Calibration, mineral: string, presetCut: number): string {
  const parts = c.rows.map((r) =>
    r.ratioQuantity === null
      ? `${r.partner}: no exports in the 12 months before`
      : `${r.partner} ×${r.ratioQuantity.toFixed(2)}`,
  );
  const cut = c.rows.some((r) => (r.impliedCut ?? 0) > 0.05);
  return (
    `China's monthly HS ${c.hs6} exports in the 12 months from ${c.effective} against the 12 months before (quantity): ${parts.join(', ')}. ` +
    (cut
      ? `The series shows a fall for some destinations; `
      : `The series shows no fall: HS ${c.hs6} mixes ${mineral} with other metals, so the licensing of ${mineral} is not visible at six digits; `) +
    `the preset keeps its stated ${(100 * presetCut).toFixed(0)}% stress cut, widened by the Monte Carlo range.`
  );
}
