// The vulnerability overlay keeps data gaps and programming errors apart: a mineral the assessment refuses with a
// UserInputError (no data for it) becomes a listed gap; any other error (a TypeError from a bug) propagates.
import { describe, expect, it, vi } from 'vitest';
import { UserInputError } from '../../src/model/errors.ts';

const behaviour = vi.hoisted(() => ({ mode: 'user' as 'user' | 'bug' }));
vi.mock('../../src/services/assess.ts', () => ({
  assess: async (_db: unknown, req: { mineral: string }) => {
    if (req.mineral === 'gallium') {
      if (behaviour.mode === 'user')
        throw new UserInputError('no trade rows for gallium in 2024', 'mineral', 404);
      throw new TypeError("Cannot read properties of undefined (reading 'importers')");
    }
    return {
      year: 2024,
      importers: ['KOR', 'JPN', 'USA'].map((country) => ({
        country,
        chinaShare: 0.5,
        hhi: 3000,
        lookThrough: { chinaShare: 0.6 },
      })),
    };
  },
}));

const { measuredVulnerabilities } = await import('../../src/services/netassess.ts');

describe('vulnerability overlay errors', () => {
  it('turns a user-facing data gap into a gap row and keeps the other minerals', async () => {
    behaviour.mode = 'user';
    const r = await measuredVulnerabilities({} as never, 2024, ['gallium', 'cobalt']);
    expect(r.rows.map((x) => `${x.mineral}:${x.country}`)).toEqual([
      'cobalt:KOR',
      'cobalt:JPN',
      'cobalt:USA',
    ]);
    expect(r.gaps).toEqual([
      { what: 'vulnerability of gallium', reason: 'insufficient_data: no trade rows for gallium in 2024' },
    ]);
  });

  it('lets a programming error propagate instead of reporting it as missing data', async () => {
    behaviour.mode = 'bug';
    await expect(measuredVulnerabilities({} as never, 2024, ['cobalt', 'gallium'])).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});
