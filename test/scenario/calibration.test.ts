// Calibrating the gallium licensing preset against China's monthly HS 811292 exports (raw file in the test).
import { expect, it } from 'vitest';
import { calibrateAgainstMonthly, calibrationStatement } from '../../src/analysis/scenario/calibration.ts';
import { describeRaw, RAW_AVAILABLE } from '../helpers.ts';
import { chinaMonthly } from './raw.ts';

const NAMES: Record<string, string> = { 'South Korea': 'KOR', Japan: 'JPN', USA: 'USA' };

describeRaw("China's monthly 811292 exports around the August 2023 licensing", () => {
  // read at collection time only when the raw files are there (describeRaw skips the tests otherwise)
  const raw = RAW_AVAILABLE ? chinaMonthly() : [];
  const rows = raw.map((r) => ({
    month: r.month,
    partner: NAMES[r.partner] ?? r.partner,
    hs6: r.hs6,
    valueUsd: r.val,
    quantity: r.qty,
  }));
  const c = RAW_AVAILABLE
    ? calibrateAgainstMonthly(rows, '811292', '2023-08', ['KOR', 'JPN', 'USA'])
    : (null as never);

  it('sums the 12 months before and after the effective month per destination, as the raw file has them', () => {
    // Independent sums over the raw rows: Aug 2022–Jul 2023 and Aug 2023–Jul 2024.
    const sum = (p: string, from: string, to: string) =>
      raw
        .filter((r) => r.hs6 === '811292' && r.partner === p && r.month >= from && r.month <= to)
        .reduce((s, r) => s + r.qty, 0);
    for (const [name, iso] of Object.entries(NAMES)) {
      const row = c.rows.find((r) => r.partner === iso);
      expect(row?.before12.quantity).toBeCloseTo(sum(name, '2022-08', '2023-07'), 6);
      expect(row?.after12.quantity).toBeCloseTo(sum(name, '2023-08', '2024-07'), 6);
      expect(row?.ratioQuantity).toBeCloseTo(
        sum(name, '2023-08', '2024-07') / sum(name, '2022-08', '2023-07'),
        9,
      );
    }
    expect(c.complete).toBe(true);
    expect(c.months).toEqual({ from: '2017-01', to: '2024-12' });
  });

  it('shows no fall at six digits (the code mixes gallium with other metals), and the statement says so', () => {
    // Korea ×1.02, Japan ×1.69, the United States ×1.62 in quantity (sums above): no implied cut.
    for (const r of c.rows) expect(r.impliedCut).toBe(0);
    const s = calibrationStatement(c, 'gallium', 0.5);
    expect(s).toMatch(/KOR ×1\.02, JPN ×1\.69, USA ×1\.62/);
    expect(s).toMatch(/shows no fall: HS 811292 mixes gallium with other metals/);
    expect(s).toMatch(/keeps its stated 50% stress cut/);
  });

  it('a fall in the series is reported as one', () => {
    const synthetic = [
      ...Array.from({ length: 12 }, (_, k) => ({
        month: `2022-${String(k + 1).padStart(2, '0')}`,
        partner: 'KOR',
        hs6: '811292',
        valueUsd: 100,
        quantity: 10,
      })),
      ...Array.from({ length: 12 }, (_, k) => ({
        month: `2023-${String(k + 1).padStart(2, '0')}`,
        partner: 'KOR',
        hs6: '811292',
        valueUsd: 40,
        quantity: 4,
      })),
    ];
    const s = calibrateAgainstMonthly(synthetic, '811292', '2023-01', ['KOR']);
    expect(s.rows[0].impliedCut).toBeCloseTo(0.6, 12);
    expect(calibrationStatement(s, 'gallium', 0.5)).toMatch(/shows a fall/);
  });
});
