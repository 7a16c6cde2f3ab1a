#!/usr/bin/python3
"""The notebook's own numpy algorithms, run over many seeds at once, to measure
the success rates test-notebook.c asserts (not run by meson; a reference).

  /usr/bin/python3 notebook_rates.py [--seeds 200]

Each seed is one independent notebook run: np.random.uniform(-0.5, 0.5) for
every W and b, full batch, the perceptron's delta rule or the MLP's
generalised delta rule with sum over the batch (W += alpha * S.T @ delta).
The seeds are stacked along a leading axis so the run is vectorised; the
arithmetic per seed is exactly the notebook's.
"""
import argparse

import numpy as np

AND3 = np.array([[0, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 1, 1, 0],
                 [1, 0, 0, 0], [1, 0, 1, 0], [1, 1, 0, 0], [1, 1, 1, 1]], dtype=float)
OR3 = np.array([[0, 0, 0, 0], [0, 0, 1, 1], [0, 1, 0, 1], [0, 1, 1, 1],
                [1, 0, 0, 1], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 1]], dtype=float)
XOR = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=float)


def perceptron(table, epochs, alpha, n, rng):
    """Perceptron class of the notebook: bias as a leading input of 1s."""
    X, y = table[:, :-1], table[:, -1:]
    Xb = np.c_[np.ones(X.shape[0]), X]
    W = rng.uniform(-0.5, 0.5, (n, Xb.shape[1], 1))
    first_perfect = np.full(n, -1)
    for epoch in range(epochs):
        yhat = np.where(Xb @ W > 0, 1.0, 0.0)
        acc = (yhat == y).mean(axis=(1, 2))
        first_perfect[(acc == 1.0) & (first_perfect < 0)] = epoch
        W = W + alpha * np.swapaxes(Xb, -1, -2) @ (y - yhat)
    return first_perfect


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def mlp(table, layers, epochs, alpha, n, rng, checkpoints):
    """The notebook's MultilayerPerceptron(layers), learn() per epoch."""
    X, y = table[:, :-1], table[:, -1:]
    W = [None] + [rng.uniform(-0.5, 0.5, (n, a, b)) for a, b in zip(layers[:-1], layers[1:])]
    b = [None] + [rng.uniform(-0.5, 0.5, (n, 1, c)) for c in layers[1:]]
    learned = {}
    for epoch in range(1, epochs + 1):
        S = [np.broadcast_to(X, (n,) + X.shape)]
        for i in range(1, len(layers)):
            S.append(sigmoid(S[i - 1] @ W[i] + b[i]))
        delta = (y - S[-1]) * S[-1] * (1 - S[-1])
        dW = [alpha * np.swapaxes(S[-2], -1, -2) @ delta]
        db = [alpha * delta.sum(axis=1, keepdims=True)]
        for i in range(len(layers) - 2, 0, -1):
            delta = delta @ np.swapaxes(W[i + 1], -1, -2) * S[i] * (1 - S[i])
            dW.append(alpha * np.swapaxes(S[i - 1], -1, -2) @ delta)
            db.append(alpha * delta.sum(axis=1, keepdims=True))
        for i, (dw, dbi) in enumerate(zip(reversed(dW), reversed(db)), 1):
            W[i] = W[i] + dw
            b[i] = b[i] + dbi
        if epoch in checkpoints:
            out = np.broadcast_to(X, (n,) + X.shape)
            for i in range(1, len(layers)):
                out = sigmoid(out @ W[i] + b[i])
            pred = np.where(out < 0.5, 0.0, 1.0)
            learned[epoch] = (pred == y).all(axis=(1, 2)).mean()
    return learned


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=200)
    a = ap.parse_args()
    n = a.seeds
    rng = np.random.default_rng(0)

    fp = perceptron(AND3, 100, 0.1, n, rng)
    print(f"perceptron and3 alpha 0.1: learnt within 100 epochs: {(fp >= 0).mean():.3f}; "
          f"epochs {fp.min()}..{fp.max()}, mean {fp.mean():.1f}, "
          f"in 8..22: {((fp >= 8) & (fp <= 22)).mean():.2f}")
    fp = perceptron(XOR, 100, 0.1, n, rng)
    print(f"perceptron xor: ever accuracy 1 in 100 epochs: {(fp >= 0).mean():.3f}")
    r = mlp(OR3, [3, 2, 1], 1000, 0.5, n, rng, {1000})
    print(f"mlp [3,2,1] or3 after 1000 epochs: {r[1000]:.3f}")
    r = mlp(XOR, [2, 3, 1], 10000, 0.5, n, rng, {1000, 3000, 10000})
    print(f"mlp [2,3,1] xor: 1000 {r[1000]:.3f}, 3000 {r[3000]:.3f}, 10000 {r[10000]:.3f}")
    r = mlp(XOR, [2, 2, 2, 1], 10000, 0.5, n, rng, {10000})
    print(f"mlp [2,2,2,1] xor after 10000 epochs: {r[10000]:.3f}")


if __name__ == "__main__":
    main()
