// The EU trade parameter t_c of HHI_WGI,t (European Commission 2017, "Methodology for establishing the EU list
// of critical raw materials: guidelines", doi:10.2873/769526, §3.2.2 "trade-related parameter"): t_c = 1 by
// default, raised for a supplier with export restrictions in force (export licensing 1.1, export tax 1.25,
// export quota and export prohibition 1.5) and lowered to 0.8 for a supplier bound to the importer by a trade
// agreement. These factors are our reading of the guidelines' table and were not re-checked against the PDF in
// this build (no copy in the shared data): they are one named constant so a user can override them. Where
// several measures are in force the largest factor applies; a measure in force outranks an agreement (China's
// 2023–25 controls applied to FTA partners such as Korea). In the EU method the agreement is the EU's; here it
// is the trio importer's own (Korean FTAs, Japanese EPAs, U.S. FTAs from the memberships table, which include
// RCEP-era entries; rows marked unverified there are used as given), since the question is each trio country's
// sourcing risk.
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
