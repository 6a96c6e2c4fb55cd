"""High-precision reference values for test/wfm/erlang.test.ts (mpmath, 50 digits).

Erlang B from the incomplete gamma function, Erlang C from B, Erlang A from its stationary law
summed term by term and the wait law through mpmath's own regularised incomplete beta
(1 - exp(-theta V_j) ~ Beta(j+1, k), k = n mu / theta), so neither the recursion nor the
negative-binomial sums of server/wfm are involved. Run: python3 test/wfm/mpmath_reference.py
(mpmath 1.3; about 8 minutes, most of it in the incomplete beta of the 10,000-Erlang cases).
"""
import mpmath as mp

mp.mp.dps = 50


def erlang_b(n, a):
    a = mp.mpf(a)
    return mp.exp(-a + n * mp.log(a) - mp.loggamma(n + 1)) / mp.gammainc(n + 1, a, mp.inf, regularized=True)


def erlang_c(n, a, aht, t):
    a, aht, t = mp.mpf(a), mp.mpf(aht), mp.mpf(t)
    b = erlang_b(n, a)
    c = n * b / (n - a * (1 - b))
    return {'p_wait': c, 'service_level': 1 - c * mp.exp(-(n - a) * t / aht), 'asa': c * aht / (n - a)}


def erlang_a(n, a, aht, patience, t, waits=True):
    a, aht, patience, t = mp.mpf(a), mp.mpf(aht), mp.mpf(patience), mp.mpf(t)
    g = aht / patience
    k = n * patience / aht
    x = 1 - mp.exp(-t / patience)
    idle = 1 / erlang_b(n, a) - 1
    w, j = mp.mpf(1), 0
    weights = []
    while True:
        if j > 0:
            w *= a / (n + j * g)
        weights.append(w)
        if a / (n + (j + 1) * g) < 1 and w < mp.mpf(10) ** -40 * (idle + sum(weights)):
            break
        j += 1
    total = idle + sum(weights)
    p = [wj / total for wj in weights]
    p_wait = sum(p)
    queue = sum(j * pj for j, pj in enumerate(p))
    p_ab = g * queue / a
    if not waits:
        return {'p_wait': p_wait, 'p_abandon': p_ab, 'asa_all': queue * aht / a}
    sl_virtual = 1 - p_wait + sum(pj * mp.betainc(j + 1, k, 0, x, regularized=True) for j, pj in enumerate(p))
    sl_answered = 1 - p_wait + sum(pj * k / (k + j + 1) * mp.betainc(j + 1, k + 1, 0, x, regularized=True) for j, pj in enumerate(p))
    stages, answered_wait = mp.mpf(0), mp.mpf(0)
    for j, pj in enumerate(p):
        stages += 1 / (n + (j + 1) * g)
        answered_wait += pj * k / (k + j + 1) * aht * stages
    return {'p_wait': p_wait, 'p_abandon': p_ab, 'sl_answered': sl_answered, 'sl_virtual': sl_virtual,
            'asa_answered': answered_wait / (1 - p_ab)}


def show(label, values):
    print(label, {key: mp.nstr(v, 17) for key, v in values.items()})


show('B(10100, 10000)', {'blocking': erlang_b(10100, 10000)})
show('B(3, 0.5)', {'blocking': erlang_b(3, 0.5)})
show('C(10100, 10000, 300, 20)', erlang_c(10100, 10000, 300, 20))
show('A(2, 1.5, 300, 60, 20)', erlang_a(2, 1.5, 300, 60, 20))
show('A(9900, 10000, 300, 180, 20)', erlang_a(9900, 10000, 300, 180, 20))
show('A(9900, 10000, 300, 1800, 25)', erlang_a(9900, 10000, 300, 1800, 25))
show('A(8000, 10000, 300, 1800, 25)', erlang_a(8000, 10000, 300, 1800, 25, waits=False))
