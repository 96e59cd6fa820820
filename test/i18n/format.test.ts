// Intl formatting per language, with expected strings worked out by hand from each language's number words:
// Korean and Japanese group large numbers by 10⁴ (만/万) and 10⁸ (억/億), English by 10³ (K, M).
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/node.ts';

describe('formatters', () => {
  const ko = translator('ko');
  const ja = translator('ja');
  const en = translator('en');

  it('compact numbers use 만/억 in Korean, 万/億 in Japanese, K/M in English', () => {
    // 123,456,789 = 1.23456789 × 10⁸ → 1.2억 / 1.2億; = 123.456789 × 10⁶ → 123.5M
    expect(ko.compact(123_456_789)).toBe('1.2억');
    expect(ja.compact(123_456_789)).toBe('1.2億');
    expect(en.compact(123_456_789)).toBe('123.5M');
    // 45,600 = 4.56 × 10⁴ → 4.6만 / 4.6万; = 45.6 × 10³ → 45.6K
    expect(ko.compact(45_600)).toBe('4.6만');
    expect(ja.compact(45_600)).toBe('4.6万');
    expect(en.compact(45_600)).toBe('45.6K');
  });

  it('U.S. dollars in compact form: 25.1 million = 2,510만 = US$2510만', () => {
    expect(en.usd(25_100_000)).toBe('$25.1M');
    expect(ko.usd(25_100_000)).toBe('US$2510만');
    expect(ja.usd(25_100_000)).toBe('$2510万');
  });

  it('months and dates in each language, without a time-zone shift', () => {
    expect(ko.month('2025-02')).toBe('2025년 2월');
    expect(ja.month('2025-02')).toBe('2025年2月');
    expect(en.month('2025-02-01')).toBe('Feb 2025');
    expect(ko.date('2023-08-01')).toBe('2023년 8월 1일');
    expect(ja.date('2023-08-01')).toBe('2023年8月1日');
  });

  it('a gap prints as an em dash, never 0; a negative zero prints as 0', () => {
    for (const t of [ko, ja, en]) {
      expect(t.pct(null)).toBe('—');
      expect(t.num(undefined)).toBe('—');
      expect(t.num(-0.0001, 1)).toBe('0.0');
    }
    expect(ko.pct(0.987)).toBe('98.7%');
    expect(en.num(12345.67, 1)).toBe('12,345.7');
  });

  it('plural forms and names come from the locale files and the shared country names', () => {
    expect(en.t('common:unit.months', { count: 1 })).toBe('1 month');
    expect(en.t('common:unit.months', { count: 3 })).toBe('3 months');
    expect(ko.t('common:unit.months', { count: 3 })).toBe('3개월');
    expect(ja.t('common:unit.days', { count: 3 })).toBe('3日');
    expect(ko.country('KOR')).toBe('한국');
    expect(ja.country('KOR')).toBe('韓国');
    expect(ko.mineral('gallium')).toBe('갈륨');
    expect(ja.mineral('rare-earths')).toBe('レアアース');
    expect(ko.t('common:usgs.E')).toBe('순수출국');
  });
});

describe('Korean particles after a value', () => {
  it('pick 은/는, 이/가, 을/를, 과/와 by the final consonant of the value, digits read in Sino-Korean', async () => {
    const { koreanParticles: k } = await import('../../src/i18n/core.ts');
    // 한국 ends in ㄱ (final consonant) → 은, 을; 일본 ends in ㄴ → 이; 미국 → 과; 중국 → 으로
    expect(k('한국은(는) 수입')).toBe('한국은 수입');
    expect(k('일본이(가) 공급')).toBe('일본이 공급');
    expect(k('호주이(가) 공급')).toBe('호주가 공급'); // 주 has no final consonant
    expect(k('미국과(와) 일본')).toBe('미국과 일본');
    expect(k('몽골과(와) 3국')).toBe('몽골과 3국');
    expect(k('인도과(와) 3국')).toBe('인도와 3국');
    expect(k('서울(으)로')).toBe('서울로'); // ㄹ takes 로
    expect(k('중국(으)로')).toBe('중국으로');
    // digits and percent: 92% is read 퍼센트 (no final consonant) → 를; 1억 ends in ㄱ → 을; 3 (삼, ㅁ) → 을
    expect(k('92%을(를) 차지')).toBe('92%를 차지');
    expect(k('US$1억을(를) 수입')).toBe('US$1억을 수입');
    expect(k('3을(를)')).toBe('3을');
    expect(k('2을(를)')).toBe('2를');
    // after a parenthesis the word before it decides: 1.6% (퍼센트) → 를; 몰리브덴 (ㄴ) → 을
    expect(k('1.6%(광산(생산), 2025년)을(를) 공급')).toBe('1.6%(광산(생산), 2025년)를 공급');
    expect(k('몰리브덴(광산)을(를)')).toBe('몰리브덴(광산)을');
    // a Latin word keeps the paired form (its reading is not known)
    expect(k('MSP이(가)')).toBe('MSP이(가)');
  });
});
