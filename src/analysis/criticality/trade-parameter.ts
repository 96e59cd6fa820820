// The EU trade parameter t_c of HHI_WGI,t (European Commission 2017, "Methodology for establishing the EU list
// of critical raw materials: guidelines", doi:10.2873/769526, §3.2 "trade-related parameter"): t_c = 1 by
// default, raised for a supplier with export restrictions in force and lowered to 0.8 for a supplier bound to
// the importer by a trade agreement.
// VERIFICATION STATUS (searched 2026-11-28): the guidelines' table of t values per measure (export tax, quota,
// prohibition, licensing) was NOT found in any source available to this build (no copy of the PDF; no
// transcription of the table), so the per-measure factors below (licensing 1.1, tax 1.25, quota/ban/suspension
// 1.5) remain unverified, null-equivalent assumptions: reason `not_found_in_sources`. What was found: the trade
// parameters the EU 2023 study actually applied, as transcribed in CritMAT (src/catalog/eu-crm-2023.yaml,
// critmat) — graded values 1.1, 1.2, 1.3, 1.4 and 1.5 (e.g. tungsten: China 1.1, Vietnam 1.2; nickel:
// Indonesia 1.3; tin: China 1.5) for global supply, and 0.8 for partners in EU sourcing (e.g. potash: Canada;
// silver: Mexico, Peru). That corroborates 0.8 for agreement partners and a ceiling of 1.5, but not a fixed
// factor per measure type; the EU's own values are used in the EU reproduction view. Where several measures are
// in force the largest factor applies; a measure in force outranks an agreement (China's 2023–25 controls
// applied to FTA partners such as Korea). In the EU method the agreement is the EU's; here it is the trio
// importer's own (Korean FTAs, Japanese EPAs, U.S. FTAs from the memberships table, which include RCEP-era
// entries; rows marked unverified there are used as given), since the question is each trio country's sourcing
// risk. The factors are one named constant so a user can override them.
export type RestrictionType = 'licensing' | 'ban' | 'quota' | 'tax' | 'suspension';

export const EC_TRADE_PARAMETER = {
  none: 1,
  agreement: 0.8,
  licensing: 1.1,
  tax: 1.25,
  quota: 1.5,
  ban: 1.5,
  /** A temporary halt of all exports is an export prohibition while it lasts. */
  suspension: 1.5,
} as const;

/**
 * What stands behind each factor (header above): `method_default` t = 1 and `corroborated` 0.8 for agreement
 * partners (the EU 2023 applied values, src/catalog/eu-crm-2023.yaml); the per-measure factors are assumptions
 * whose source table was not found (`not_found_in_sources`, the reason src/catalog/eu-crm-2023.ts NOT_FOUND uses).
 */
export const EC_TRADE_PARAMETER_VERIFICATION: Record<
  keyof typeof EC_TRADE_PARAMETER,
  'method_default' | 'corroborated' | 'not_found_in_sources'
> = {
  none: 'method_default',
  agreement: 'corroborated',
  licensing: 'not_found_in_sources',
  tax: 'not_found_in_sources',
  quota: 'not_found_in_sources',
  ban: 'not_found_in_sources',
  suspension: 'not_found_in_sources',
};

export interface TradeParameter {
  t: number;
  basis: 'none' | 'agreement' | RestrictionType;
}

export function tradeParameter(
  x: { restrictions: readonly RestrictionType[]; agreement: boolean },
  factors: Record<keyof typeof EC_TRADE_PARAMETER, number> = EC_TRADE_PARAMETER,
): TradeParameter {
  if (x.restrictions.length) {
    const top = [...x.restrictions].sort((a, b) => factors[b] - factors[a])[0];
    return { t: factors[top], basis: top };
  }
  return x.agreement ? { t: factors.agreement, basis: 'agreement' } : { t: factors.none, basis: 'none' };
}
