// Seeded randomness shared by the analyses (DESIGN.md: analysis uses seeded randomness only): Monte Carlo
// scenario draws, partner-weight and cooperation-weight sampling.
// - Uniforms: sfc32, Chris Doty-Humphrey's Small Fast Counter generator (PractRand), seeded through splitmix32.
// - Standard normals: Marsaglia's polar method (Marsaglia & Bray 1964).
// - Gamma(α, 1): Marsaglia & Tsang 2000, "A simple method for generating gamma variables", ACM TOMS 26(3):
//   d = α − 1/3, c = 1/√(9d); draw x ~ N(0,1), v = (1 + c·x)³ until v > 0 and log U < x²/2 + d − d·v + d·log v;
//   return d·v. For α < 1, Gamma(α) = Gamma(α + 1)·U^(1/α) (same paper, §6).
// - Dirichlet(α): independent Gamma(α_i, 1) divided by their sum (Devroye 1986, Non-Uniform Random Variate
//   Generation, ch. XI). Components with α_i = 0 are fixed at 0.

export type Uniform = () => number;

/** A uniform [0, 1) generator from a 32-bit integer seed. */
export function seededUniform(seed: number): Uniform {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return () => next() / 4294967296;
}

export function standardNormal(u: Uniform): number {
  for (;;) {
    const x = 2 * u() - 1;
    const y = 2 * u() - 1;
    const s = x * x + y * y;
    if (s > 0 && s < 1) return x * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

export function gamma(alpha: number, u: Uniform): number {
  if (!(alpha > 0)) throw new RangeError(`gamma shape must be positive, got ${alpha}`);
  if (alpha < 1) return gamma(alpha + 1, u) * u() ** (1 / alpha);
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One draw from Dirichlet(alpha); zero entries stay zero. */
export function dirichlet(alpha: readonly number[], u: Uniform): number[] {
  const g = alpha.map((a) => (a > 0 ? gamma(a, u) : 0));
  const sum = g.reduce((s, x) => s + x, 0);
  return g.map((x) => x / sum);
}
