#!/usr/bin/env python3
"""Exact variances of FAVOR+ and FAVOR++ (optimal positive random features, Likhosherstov et al., NeurIPS 2022).

Pure Python, no dependencies:  python3 scripts/oprf_variance.py [sigma] [keys] [queries]

For x = q d^(-1/4), y = k d^(-1/4) with q, k ~ N(0, sigma^2 I_d), d = 64, and one feature
f(x, y) = D^2 exp(2A|w|^2 + B w.(x + y) - (|x|^2 + |y|^2)/2), B = sqrt(1 - 4A), D = (1 - 4A)^(d/4), w ~ N(0, I):
  * per pair, E[f^2]/K^2 = (1-4A)^d (1-8A)^(-d/2) exp(|x+y|^2/(1-8A))  (A = 0, FAVOR+: exp(|x+y|^2)); the A minimizing
    its mean log is A* = (1 - 2 rho - sqrt((2 rho + 1)^2 + 8 rho))/16 with rho = mean |x_i + y_j|^2 / d (what Helix uses);
  * the first-order (delta-method) relative output error of attention with m iid features, v ~ N(0, I):
    E|dO|^2/|O|^2 = V/m with V = sum_i sum_{j,l} E[f_ij f_il] (v_j - o_i).(v_l - o_i) / D_i^2 / sum_i |o_i|^2 and
    E[f_ij f_il] = D^4 (1-8A)^(-d/2) exp(B^2 |2x_i + y_j + y_l|^2 / (2(1-8A)) - |x_i|^2 - (|y_j|^2 + |y_l|^2)/2).
The first-order error is the regime where the variance ratio shows in the output (V/m << 1); it prints the m needed.
"""
import math
import random
import sys

d = 64
sigma = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
L = int(sys.argv[2]) if len(sys.argv) > 2 else 128
nq = int(sys.argv[3]) if len(sys.argv) > 3 else 6
random.seed(1)
sc = d ** -0.25
X = [[random.gauss(0, sigma) * sc for _ in range(d)] for _ in range(nq)]
Y = [[random.gauss(0, sigma) * sc for _ in range(d)] for _ in range(L)]
V = [[random.gauss(0, 1) for _ in range(d)] for _ in range(L)]


def dot(a, b):
    return sum(p * q for p, q in zip(a, b))


yy = [[dot(Y[j], Y[l]) for l in range(L)] for j in range(L)]
vv = [[dot(V[j], V[l]) for l in range(L)] for j in range(L)]
s2 = [dot([a + b for a, b in zip(x, y)], [a + b for a, b in zip(x, y)]) for x in X for y in Y]
rho = sum(s2) / len(s2) / d
astar = (1 - 2 * rho - math.sqrt((2 * rho + 1) ** 2 + 8 * rho)) / 16


def log_pair_moment(a, s):
    return d * math.log(1 - 4 * a) - d / 2 * math.log(1 - 8 * a) + s / (1 - 8 * a)


def output_variance(a):
    b2 = 1 - 4 * a
    logc = d * math.log(1 - 4 * a) - d / 2 * math.log(1 - 8 * a)
    num = norm = 0.0
    for x in X:
        xx = dot(x, x)
        xy = [dot(x, y) for y in Y]
        k = [math.exp(t) for t in xy]
        den = sum(k)
        o = [sum(k[j] * V[j][c] for j in range(L)) / den for c in range(d)]
        ov = [dot(o, V[j]) for j in range(L)]
        oo = dot(o, o)
        total = 0.0
        for j in range(L):
            for l in range(L):
                n2 = 4 * xx + yy[j][j] + yy[l][l] + 4 * xy[j] + 4 * xy[l] + 2 * yy[j][l]
                e = logc + b2 * n2 / (2 * (1 - 8 * a)) - xx - (yy[j][j] + yy[l][l]) / 2
                total += math.exp(e) * (vv[j][l] - ov[j] - ov[l] + oo)
        num += total / den ** 2
        norm += oo
    return num / norm


typ = rho * d
print(f"sigma = {sigma}, d = {d}, {L} keys, {nq} queries: mean |x+y|^2 = {typ:.2f}, rho = {rho:.4f}, A* = {astar:.4f}")
print(f"per pair at |x+y|^2 = {typ:.1f}: E[f^2]/K^2 = e^{log_pair_moment(0, typ):.2f} (FAVOR+), e^{log_pair_moment(astar, typ):.2f} "
      f"(FAVOR++): {math.exp(log_pair_moment(0, typ) - log_pair_moment(astar, typ)):.1f}x less")
v0 = output_variance(0.0)
print(f"first-order relative output variance per feature V: FAVOR+ {v0:.4g}")
for a in [astar, -0.02, -0.05, -0.1, -0.12, -0.15, -0.2]:
    va = output_variance(a)
    print(f"  A = {a:+.4f}: FAVOR++ V = {va:.4g}; error ratio sqrt(V++/V+) = {math.sqrt(va / v0):.3f}; "
          f"first-order error at m = 256: {math.sqrt(va / 256):.3g} (FAVOR+ {math.sqrt(v0 / 256):.3g}); m for FAVOR++ error 0.3: {va / 0.09:.3g}")
