"""Timing of VectorIndex exact filtered search: 1 query over 10,000 x 256 unit vectors."""

import platform
import time
import timeit

import faiss
import numpy as np

from matcher.index import VectorIndex, data_hash

rng = np.random.default_rng(0)
n, d = 10_000, 256
x = rng.normal(size=(n, d)).astype(np.float32)
x /= np.linalg.norm(x, axis=1, keepdims=True)
ids = [f"c{i:06d}" for i in range(n)]
t0 = time.perf_counter()
index = VectorIndex.build(ids, x, encoder_name="bench", data_hash=data_hash(ids))
build = time.perf_counter() - t0
q = rng.normal(size=(1, d)).astype(np.float32)
q /= np.linalg.norm(q)
print(
    f"faiss {faiss.__version__}, threads {faiss.omp_get_max_threads()}, {platform.processor() or platform.machine()}, build {build * 1e3:.1f} ms"
)


def bench(label, fn, number=200, repeat=5):
    fn()
    times = [t / number for t in timeit.repeat(fn, number=number, repeat=repeat)]
    print(f"{label:<48} median-of-{repeat} {np.median(times) * 1e3:7.3f} ms  (min {min(times) * 1e3:.3f})")


bench("unfiltered k=20", lambda: index.search(q, 20))
for frac in (0.01, 0.1, 0.5):
    mask = rng.random(n) < frac
    pos = np.flatnonzero(mask)
    lst = [ids[i] for i in pos]
    bench(f"allowed {frac:>4.0%} as bool mask, k=20", lambda mask=mask: index.search(q, 20, allowed=mask))
    bench(f"allowed {frac:>4.0%} as positions, k=20", lambda pos=pos: index.search(q, 20, allowed=pos))
    bench(f"allowed {frac:>4.0%} as id strings, k=20", lambda lst=lst: index.search(q, 20, allowed=lst))
    bench(
        f"numpy brute force over allowed {frac:>4.0%}",
        lambda pos=pos: np.argpartition(-(x[pos] @ q[0]), 19)[:20],
    )
mask = rng.random(n) < 0.1
bench(
    "100 queries, allowed 10% mask, k=20",
    lambda: index.search(np.repeat(q, 100, axis=0), 20, allowed=mask),
    number=20,
)
