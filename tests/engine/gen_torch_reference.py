#!/usr/bin/python3
"""Records torch.optim results for test-optimizer.c into torch-reference.json.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 gen_torch_reference.py

Two kinds of cases:
  * "steps": fixed initial parameters and a fixed sequence of gradients fed to
    one optimizer (SGD, momentum, Nesterov, Adam, each with and without
    weight_decay, one with a learning rate changed between steps); the
    parameters after every step are recorded.
  * "training": a small MLP trained by torch on fixed data in fixed batches
    (no shuffling); initial and final parameters in our flat layout (per layer
    W as inputs x units, row-major, i.e. torch's weight transposed, then b).

All numbers are float32 values written as Python floats (exact).
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


def f32list(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def step_case(name, kind, n, steps, seed, lr=0.01, momentum=0.0, wd=0.0,
              betas=(0.9, 0.999), eps=1e-8, lr_schedule=None):
    rng = np.random.default_rng(seed)
    p0 = rng.uniform(-1, 1, n).astype(np.float32)
    grads = [rng.normal(0, 1, n).astype(np.float32) for _ in range(steps)]
    p = torch.tensor(p0.copy(), requires_grad=True)
    if kind == "sgd":
        opt = torch.optim.SGD([p], lr=lr, weight_decay=wd)
    elif kind in ("momentum", "nesterov"):
        opt = torch.optim.SGD([p], lr=lr, momentum=momentum, weight_decay=wd,
                              nesterov=(kind == "nesterov"))
    else:
        opt = torch.optim.Adam([p], lr=lr, betas=betas, eps=eps, weight_decay=wd)
    lrs = lr_schedule or [lr] * steps
    expected = []
    for s in range(steps):
        for g in opt.param_groups:
            g["lr"] = lrs[s]
        p.grad = torch.tensor(grads[s])
        opt.step()
        expected.append(f32list(p.detach().numpy()))
    return dict(name=name, kind=kind, lr=lr, momentum=momentum, l2=wd,
                beta1=betas[0], beta2=betas[1], epsilon=eps,
                lr_schedule=[float(v) for v in lrs], initial=f32list(p0),
                grads=[f32list(g) for g in grads], expected=expected)


def flat_params(model):
    out = []
    for m in model:
        if isinstance(m, nn.Linear):
            out += f32list(m.weight.detach().numpy().T)
            out += f32list(m.bias.detach().numpy())
    return out


def training_case(name, spec, loss, reduction, opt_kind, lr, batch, epochs, n, seed,
                  momentum=0.0, wd=0.0):
    """spec like "4,5:tanh,3:softmax"; the model's output goes through its
    activation; losses as our engine defines them."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    items = spec.split(",")
    sizes = [int(items[0])] + [int(t.split(":")[0]) for t in items[1:]]
    acts = [t.split(":")[1] for t in items[1:]]
    layers = []
    for i in range(len(sizes) - 1):
        lin = nn.Linear(sizes[i], sizes[i + 1])
        nn.init.uniform_(lin.weight, -0.5, 0.5)
        nn.init.uniform_(lin.bias, -0.5, 0.5)
        layers.append(lin)
    x = rng.uniform(-1, 1, (n, sizes[0])).astype(np.float32)
    k = sizes[-1]
    labels = rng.integers(0, max(k, 2), n)
    model = nn.Sequential(*layers)
    initial = flat_params(model)

    def forward(xb):
        h = xb
        for lin, act in zip(layers, acts):
            z = lin(h)
            h = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
                 "linear": lambda v: v, "softmax": lambda v: torch.softmax(v, dim=1)}[act](z)
        return h, z

    if opt_kind == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=wd)
    elif opt_kind in ("momentum", "nesterov"):
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=wd,
                              nesterov=(opt_kind == "nesterov"))
    else:
        opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=wd)

    X = torch.tensor(x)
    Y = torch.tensor(labels)
    for _ in range(epochs):
        for i in range(0, n, batch):
            xb, yb = X[i:i + batch], Y[i:i + batch]
            out, logits = forward(xb)
            if k == 1:
                t = yb.float().unsqueeze(1)
            else:
                t = F.one_hot(yb, k).float()
            if loss == "mse":
                l = ((out - t) ** 2).sum() * 0.5 if reduction == "sum" else F.mse_loss(out, t)
            elif loss == "cross-entropy":
                l = F.cross_entropy(logits, yb, reduction=reduction)
            else:
                l = F.binary_cross_entropy(out, t, reduction=reduction)
            opt.zero_grad()
            l.backward()
            opt.step()
    return dict(name=name, spec=spec, loss=loss, reduction=reduction, optimizer=opt_kind,
                lr=lr, momentum=momentum, l2=wd, batch=batch, epochs=epochs,
                x=f32list(x), labels=[int(v) for v in labels],
                initial=initial, expected=flat_params(model))


def main():
    steps = [
        step_case("sgd", "sgd", 7, 5, 1, lr=0.1),
        step_case("sgd-l2", "sgd", 7, 5, 2, lr=0.1, wd=0.01),
        step_case("momentum", "momentum", 7, 6, 3, lr=0.05, momentum=0.9),
        step_case("momentum-l2", "momentum", 7, 6, 4, lr=0.05, momentum=0.8, wd=0.1),
        step_case("nesterov", "nesterov", 7, 6, 5, lr=0.05, momentum=0.9),
        step_case("nesterov-l2", "nesterov", 7, 6, 6, lr=0.02, momentum=0.95, wd=0.05),
        step_case("adam", "adam", 9, 8, 7, lr=0.01),
        step_case("adam-l2", "adam", 9, 8, 8, lr=0.001, wd=0.1),
        step_case("adam-betas", "adam", 9, 8, 9, lr=0.003, betas=(0.8, 0.99), eps=1e-6),
        step_case("momentum-live-lr", "momentum", 5, 6, 10, lr=0.1, momentum=0.9,
                  lr_schedule=[0.1, 0.1, 0.05, 0.05, 0.2, 0.01]),
        step_case("adam-live-lr", "adam", 5, 6, 11, lr=0.01,
                  lr_schedule=[0.01, 0.01, 0.001, 0.001, 0.02, 0.02]),
    ]
    training = [
        training_case("ce-sgd", "4,5:tanh,3:softmax", "cross-entropy", "mean", "sgd",
                      0.5, 4, 3, 12, 21),
        training_case("ce-momentum", "4,6:relu,3:softmax", "cross-entropy", "mean",
                      "momentum", 0.1, 5, 3, 15, 22, momentum=0.9),
        training_case("ce-adam-l2", "4,5:sigmoid,4:relu,3:softmax", "cross-entropy", "mean",
                      "adam", 0.01, 4, 4, 16, 23, wd=0.01),
        training_case("mse-sum-sgd", "2,3:sigmoid,1:sigmoid", "mse", "sum", "sgd",
                      0.5, 4, 10, 4, 24),
        training_case("mse-mean-nesterov", "3,4:tanh,2:linear", "mse", "mean", "nesterov",
                      0.05, 3, 4, 9, 25, momentum=0.9),
        training_case("bce-adam", "3,4:tanh,1:sigmoid", "binary-cross-entropy", "mean",
                      "adam", 0.02, 4, 5, 12, 26),
    ]
    doc = dict(generator="gen_torch_reference.py", torch=torch.__version__,
               steps=steps, training=training)
    with open(os.path.join(HERE, "torch-reference.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
