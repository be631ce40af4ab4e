/**
 * @license Apache-2.0
 *
 * Copyright (c) 2018 The Stdlib Authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *    http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 *
 * Modified by the loyalty-drivers authors: a TypeScript port of `@stdlib/math-base-special-erfc`
 * 0.2 (lib/main.js and its polyval_*.js), with `Math.exp` for `@stdlib/math-base-special-exp`
 * and a DataView for `@stdlib/number-float64-base-set-low-word`, so that the normal CDF does not
 * bring @stdlib's typed-array and float64-word modules into a browser bundle (about 8 kB gzipped).
 *
 * ## Notice
 *
 * The following copyright, license, and long comment were part of the original implementation
 * available as part of FreeBSD (https://svnweb.freebsd.org/base/release/9.3.0/lib/msun/src/s_erf.c).
 * The implementation follows the original, but has been modified for JavaScript.
 *
 * ```text
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ```
 *
 * @internal
 */

const TINY = 1.0e-300;
// 2**-56
const SMALL = 1.3877787807814457e-17;
const ERX = 8.45062911510467529297e-1; // 0x3FEB0AC1, 0x60000000
const PPC = 1.28379167095512558561e-1; // 0x3FC06EBA, 0x8214DB68
const PAC = -2.36211856075265944077e-3; // 0xBF6359B8, 0xBEF77538
const RAC = -9.86494403484714822705e-3; // 0xBF843412, 0x600D6435
const RBC = -9.86494292470009928597e-3; // 0xBF843412, 0x39E86F4A

const pp = (x: number) => -0.3250421072470015 + x * (-0.02848174957559851 + x * (-0.005770270296489442 + x * -0.000023763016656650163));
const qq = (x: number) =>
  0.39791722395915535 + x * (0.0650222499887673 + x * (0.005081306281875766 + x * (0.00013249473800432164 + x * -0.000003960228278775368)));
const pa = (x: number) =>
  0.41485611868374833 +
  x *
    (-0.3722078760357013 + x * (0.31834661990116175 + x * (-0.11089469428239668 + x * (0.035478304325618236 + x * -0.002166375594868791))));
const qa = (x: number) =>
  0.10642088040084423 +
  x * (0.540397917702171 + x * (0.07182865441419627 + x * (0.12617121980876164 + x * (0.01363708391202905 + x * 0.011984499846799107))));
const ra = (x: number) =>
  -0.6938585727071818 +
  x *
    (-10.558626225323291 +
      x * (-62.375332450326006 + x * (-162.39666946257347 + x * (-184.60509290671104 + x * (-81.2874355063066 + x * -9.814329344169145)))));
const sa = (x: number) =>
  19.651271667439257 +
  x *
    (137.65775414351904 +
      x *
        (434.56587747522923 +
          x *
            (645.3872717332679 + x * (429.00814002756783 + x * (108.63500554177944 + x * (6.570249770319282 + x * -0.0604244152148581))))));
const rb = (x: number) =>
  -0.799283237680523 +
  x * (-17.757954917754752 + x * (-160.63638485582192 + x * (-637.5664433683896 + x * (-1025.0951316110772 + x * -483.5191916086514))));
const sb = (x: number) =>
  30.33806074348246 +
  x *
    (325.7925129965739 +
      x * (1536.729586084437 + x * (3199.8582195085955 + x * (2553.0504064331644 + x * (474.52854120695537 + x * -22.44095244658582)))));

const words = /* @__PURE__ */ new DataView(new ArrayBuffer(8));

/** `x` with the low 32 bits of its significand cleared (big-endian view: bytes 4-7). */
function clearLowWord(x: number): number {
  words.setFloat64(0, x);
  words.setUint32(4, 0);
  return words.getFloat64(0);
}

/** The complementary error function `erfc(x) = 1 - erf(x)`, accurate in the upper tail. @internal */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 2;
  if (x === 0) return 1;
  const sign = x < 0;
  const ax = sign ? -x : x;
  // |x| < 0.84375
  if (ax < 0.84375) {
    if (ax < SMALL) return 1 - x;
    const z = x * x;
    const y = (PPC + z * pp(z)) / (1 + z * qq(z));
    // x < 1/4
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  // 0.84375 <= |x| < 1.25
  if (ax < 1.25) {
    const s = ax - 1;
    const p = PAC + s * pa(s);
    const q = 1 + s * qa(s);
    return sign ? 1 + ERX + p / q : 1 - ERX - p / q;
  }
  // |x| < 28
  if (ax < 28) {
    const s = 1 / (ax * ax);
    let r: number;
    let d: number;
    // |x| < 1/0.35 ~ 2.857143
    if (ax < 2.857142857142857) {
      r = RAC + s * ra(s);
      d = 1 + s * sa(s);
    } else {
      if (x < -6) return 2 - TINY;
      r = RBC + s * rb(s);
      d = 1 + s * sb(s);
    }
    const z = clearLowWord(ax); // pseudo-single (20-bit) precision x
    const e = Math.exp(-(z * z) - 0.5625) * Math.exp((z - ax) * (z + ax) + r / d);
    return sign ? 2 - e / ax : e / ax;
  }
  return sign ? 2 - TINY : TINY * TINY;
}

/**
 * The error function for |x| < 0.84375 (the same rational approximation as {@link erfc}'s first
 * branch, without the cancellation of `1 - erfc`). @internal
 */
export function erfCentral(x: number): number {
  const z = x * x;
  return x + x * ((PPC + z * pp(z)) / (1 + z * qq(z)));
}
