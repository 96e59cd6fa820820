// The server's result cache keeps results within a count and a byte budget (JSON body sizes worked by hand).
import { describe, expect, it } from 'vitest';
import { ResultCache } from '../../src/server/result-cache.ts';

// JSON.stringify('x'.repeat(38)) is 38 characters plus two quotes: 40 bytes
const forty = (c: string) => c.repeat(38);

describe('result cache', () => {
  it('evicts the least recently used results to stay within the byte budget', async () => {
    const cache = new ResultCache(100, 100);
    let computed = 0;
    const get = (k: string) =>
      cache.get(k, () => {
        computed++;
        return forty(k);
      });
    await get('a');
    await get('b'); // 80 bytes kept
    await get('a'); // a hit: a becomes the most recently used
    expect(computed).toBe(2);
    await get('c'); // 120 > 100: b, the least recently used, goes
    expect(cache.stats).toEqual({ entries: 2, bytes: 80 });
    await get('a');
    expect(computed).toBe(3);
    await get('b');
    expect(computed).toBe(4); // b was recomputed
  });

  it('serves a result larger than the budget without keeping it', async () => {
    const cache = new ResultCache(100, 30);
    let computed = 0;
    const big = () =>
      cache.get('big', () => {
        computed++;
        return forty('z'); // 40 bytes > 30
      });
    expect(JSON.parse(new TextDecoder().decode((await big()).json))).toBe(forty('z'));
    await big();
    expect(computed).toBe(2);
    expect(cache.stats).toEqual({ entries: 0, bytes: 0 });
  });
});
