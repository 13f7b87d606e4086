"""Train the thermal person detector on HIT-UAV and export it to ONNX for cv2.dnn.

    python -m vision.train_person pack ../shared/data/vision data/hituav-pack.npz
    python -m vision.train_person train data/hituav-pack.npz OUTDIR [--minutes 6]
    python -m vision.train_person train data/hituav-pack.npz OUTDIR --init OLD.pt --lr 5e-4 --minutes 40
    python -m vision.train_person export OUTDIR/thermal-person-centrenet.pt vision/models/thermal-person-centrenet.onnx

`pack` stores the official train and val splits as grayscale WebP in one .npz (small enough
to carry to a GPU machine). `train` trains on train, keeps the weights (exponential moving
average) that score the best person AP50 on val, and writes `thermal-person-centrenet.onnx`
and `train-log.json` into OUTDIR. `--init` continues from earlier weights (a .pt written by `train`)
with a fresh cosine schedule from `--lr`: how the model is refined where no GPU is at hand. Training needs torch; inference (vision.thermal_person) does not.
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import time
from pathlib import Path

import cv2
import numpy as np

from vision.labeled_set import load_labeled_set
from vision.metrics import ScoredFrame, score
from vision.records import Box
from vision.thermal_person import STRIDE, decode_centres

PERSON, DONTCARE = 0, 1
CROP = 384
WEBP_QUALITY = 75


def pack(data_dir: Path, out: Path, quality: int = WEBP_QUALITY) -> None:
    blobs, offsets, boxes, split = [], [0], [], []
    for split_id, name in enumerate(("hituav-train", "hituav-val")):
        labeled = load_labeled_set(data_dir / name)
        for image in labeled.images:
            gray = cv2.imread(str(image.file), cv2.IMREAD_GRAYSCALE)
            if gray is None:
                raise ValueError(f"cannot read {image.file}")
            ok, buf = cv2.imencode(".webp", gray, [cv2.IMWRITE_WEBP_QUALITY, quality])
            blobs.append(buf.ravel())
            offsets.append(offsets[-1] + buf.size)
            index = len(split)
            split.append(split_id)
            for cls, b in image.boxes:
                kind = {"person": PERSON, "dontcare": DONTCARE}.get(cls)
                if kind is not None:
                    boxes.append((index, kind, b.x, b.y, b.w, b.h))
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(out, blob=np.concatenate(blobs), offsets=np.array(offsets, np.int64),
             boxes=np.array(boxes, np.float32), split=np.array(split, np.int8))


def _load(pack_file: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    data = np.load(pack_file)
    blob, offsets = data["blob"], data["offsets"]
    images = np.stack([cv2.imdecode(blob[offsets[i]:offsets[i + 1]], cv2.IMREAD_GRAYSCALE)
                       for i in range(len(offsets) - 1)])
    return images, data["boxes"], data["split"]


def train(pack_file: Path, out_dir: Path, minutes: float, batch: int, seed: int,
          init: Path | None = None, peak_lr: float = 3e-3, eval_every_s: float = 30.0) -> dict:
    import torch
    import torch.nn.functional as F

    from vision.person_net import PersonNet

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    images, boxes, split = _load(pack_file)
    train_ids = np.nonzero(split == 0)[0]
    val_ids = np.nonzero(split == 1)[0]
    gpu_images = torch.from_numpy(images).to(dev)  # (N, H, W) uint8
    n, H, W = images.shape
    per_image = [boxes[boxes[:, 0] == i, 1:] for i in range(n)]
    with_person = [i for i in train_ids if (per_image[i][:, 0] == PERSON).any()]

    model = PersonNet()
    if init is not None:
        model.load_state_dict(torch.load(init, map_location="cpu"))
    model = model.to(dev).to(memory_format=torch.channels_last)
    ema = copy.deepcopy(model).eval()
    opt = torch.optim.AdamW(model.parameters(), lr=peak_lr, weight_decay=1e-4)
    out_size = CROP // STRIDE
    grid_y, grid_x = torch.meshgrid(torch.arange(out_size, device=dev, dtype=torch.float32),
                                    torch.arange(out_size, device=dev, dtype=torch.float32), indexing="ij")

    def sample_batch():
        idx = rng.choice(train_ids, batch)
        thetas, targets = [], []
        for b in range(batch):
            i = idx[b]
            if rng.random() < 0.5 and len(with_person):
                i = idx[b] = rng.choice(with_person)
                p = per_image[i][per_image[i][:, 0] == PERSON]
                x, y, w, h = p[rng.integers(len(p)), 1:]
                centre = np.array([x + w / 2, y + h / 2]) + rng.uniform(-CROP / 3, CROP / 3, 2)
            else:
                centre = rng.uniform([0, 0], [W, H])
            s = math.exp(rng.uniform(math.log(0.75), math.log(1.35)))  # output px per input px
            perm = np.eye(2) if rng.random() < 0.5 else np.array([[0.0, 1.0], [1.0, 0.0]])
            a = perm @ np.diag(rng.choice([-1.0, 1.0], 2)) / s  # input = a @ (out - C/2) + centre
            norm = np.diag([2.0 / W, 2.0 / H])
            theta = np.hstack([norm @ a * (CROP / 2), (norm @ centre - 1)[:, None]])
            thetas.append(theta)
            inv = np.linalg.inv(a)
            for kind, x, y, w, h in per_image[i]:
                corners = inv @ (np.array([[x, x + w], [y, y + h]]) - centre[:, None]) + CROP / 2
                x0, x1 = sorted(corners[0])
                y0, y1 = sorted(corners[1])
                targets.append((b, kind, x0, y0, x1 - x0, y1 - y0))
        theta = torch.tensor(np.array(thetas), dtype=torch.float32, device=dev)
        src = gpu_images[torch.from_numpy(idx).to(dev)].unsqueeze(1).float() / 255.0
        grid = F.affine_grid(theta, [batch, 1, CROP, CROP], align_corners=False)
        x = F.grid_sample(src, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
        gain = torch.empty(batch, 1, 1, 1, device=dev).uniform_(0.7, 1.3)
        bias = torch.empty(batch, 1, 1, 1, device=dev).uniform_(-0.12, 0.12)
        x = (x - 0.5) * gain + 0.5 + bias + torch.randn_like(x) * rng.uniform(0, 0.02)
        return x.clamp(0, 1), torch.tensor(np.array(targets, np.float32).reshape(-1, 6), device=dev)

    def render(t):
        heat = torch.zeros(batch, out_size * out_size, device=dev)
        ignore = torch.zeros(batch, out_size, out_size, device=dev, dtype=torch.bool)
        for b, _, x, y, w, h in t[t[:, 1] == DONTCARE].tolist():
            ignore[int(b), max(0, int(y // STRIDE)):max(0, int((y + h) // STRIDE) + 1),
                   max(0, int(x // STRIDE)):max(0, int((x + w) // STRIDE) + 1)] = True
        p = t[t[:, 1] == PERSON]
        cx, cy = (p[:, 2] + p[:, 4] / 2) / STRIDE, (p[:, 3] + p[:, 5] / 2) / STRIDE
        inside = (cx >= 0) & (cy >= 0) & (cx < out_size) & (cy < out_size) & (p[:, 4] > 2) & (p[:, 5] > 2)
        p, cx, cy = p[inside], cx[inside], cy[inside]
        ix, iy = cx.floor(), cy.floor()
        sigma = torch.clamp((p[:, 4] * p[:, 5]).sqrt() / (STRIDE * 5), min=0.6)
        g = torch.exp(-((grid_x[None] - ix[:, None, None]) ** 2 + (grid_y[None] - iy[:, None, None]) ** 2)
                      / (2 * sigma[:, None, None] ** 2))
        rows = p[:, 0].long()[:, None].expand(-1, out_size * out_size)
        heat.scatter_reduce_(0, rows, g.flatten(1), "amax", include_self=True)
        heat = heat.view(batch, out_size, out_size)
        cells = (p[:, 0].long(), iy.long(), ix.long())
        reg = torch.stack([cx - ix, cy - iy, p[:, 4].log(), p[:, 5].log()], 1)
        return heat, ignore, cells, reg

    def loss_fn(out, heat, ignore, cells, reg):
        pred = torch.sigmoid(out[:, 0].float()).clamp(1e-4, 1 - 1e-4)
        pos = torch.zeros_like(heat, dtype=torch.bool)
        pos[cells] = True
        pos_loss = -(torch.log(pred) * (1 - pred) ** 2)[pos].sum()
        neg_w = (1 - heat) ** 4 * (~pos) * (~ignore)
        neg_loss = -(torch.log(1 - pred) * pred ** 2 * neg_w).sum()
        n_pos = max(1, int(pos.sum()))
        got = out[cells[0], 1:, cells[1], cells[2]].float()
        reg_loss = F.l1_loss(got, reg, reduction="sum") / n_pos if len(reg) else out.sum() * 0
        return (pos_loss + neg_loss) / n_pos + reg_loss

    def val_ap(net) -> float:
        frames = []
        with torch.no_grad():
            for k in range(0, len(val_ids), 16):
                ids = val_ids[k:k + 16]
                x = gpu_images[torch.from_numpy(ids).to(dev)].unsqueeze(1).float() / 255.0
                outs = net(x.contiguous(memory_format=torch.channels_last)).float().cpu().numpy()
                for i, o in zip(ids, outs):
                    gt = per_image[i]
                    frames.append(ScoredFrame(
                        [Box(*r[1:]) for r in gt if r[0] == PERSON],
                        decode_centres(o, 0.05),
                        [Box(*r[1:]) for r in gt if r[0] == DONTCARE]))
        return score(frames, 0.5, 0.3).ap

    def evaluate(loss: float, lr: float, best_ap: float, best):
        ap = val_ap(ema)
        log.append({"step": step, "seconds": round(time.monotonic() - start, 1),
                    "loss": None if math.isnan(loss) else round(loss, 4), "lr": lr, "val_ap50": round(ap, 4)})
        print(json.dumps(log[-1]), flush=True)
        if ap > best_ap:
            return ap, copy.deepcopy(ema.state_dict())
        return best_ap, best

    budget = minutes * 60.0
    start = time.monotonic()
    best, best_ap, log, step = None, -1.0, [], 0
    if init is not None:  # the starting point must be beaten, not just matched
        best_ap, best = evaluate(float("nan"), 0.0, best_ap, best)
    next_eval = start + max(45.0, eval_every_s)
    while (elapsed := time.monotonic() - start) < budget:
        lr = peak_lr * 0.5 * (1 + math.cos(math.pi * min(1.0, elapsed / budget)))
        lr *= min(1.0, (step + 1) / 300)  # warm-up
        for group in opt.param_groups:
            group["lr"] = lr
        x, t = sample_batch()
        heat, ignore, cells, reg = render(t)
        with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=dev.type == "cuda"):
            out = model(x.contiguous(memory_format=torch.channels_last))
        loss = loss_fn(out, heat, ignore, cells, reg)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        step += 1
        decay = 0.999 if init is not None else min(0.999, (1 + step) / (10 + step))
        with torch.no_grad():
            for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
                if e.dtype.is_floating_point:
                    e.mul_(decay).add_(m.detach(), alpha=1 - decay)
                else:
                    e.copy_(m)
        if time.monotonic() >= next_eval:
            best_ap, best = evaluate(loss.item(), lr, best_ap, best)
            next_eval = time.monotonic() + eval_every_s
    best_ap, best = evaluate(loss.item(), lr, best_ap, best)

    final = PersonNet()
    final.load_state_dict({k: v.float().cpu() for k, v in best.items()})
    out_dir.mkdir(parents=True, exist_ok=True)
    export_onnx(final.eval(), out_dir / "thermal-person-centrenet.onnx")
    summary = {"best_val_ap50": best_ap, "steps": step, "batch": batch, "crop": CROP,
               "train_images": int(len(train_ids)), "val_images": int(len(val_ids)),
               "minutes": minutes, "init": str(init) if init else None, "peak_lr": peak_lr, "device": str(dev), "torch": torch.__version__, "log": log}
    (out_dir / "train-log.json").write_text(json.dumps(summary, indent=1))
    torch.save(best, out_dir / "thermal-person-centrenet.pt")
    return summary


def export_weights(weights: Path, path: Path) -> None:
    import torch

    from vision.person_net import PersonNet

    model = PersonNet()
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    export_onnx(model.eval(), path)


def export_onnx(model, path: Path) -> None:
    """Write the network in the form cv2.dnn runs fastest: fed 2x2 pixel blocks (`person_net.BlockInput`)."""
    import torch

    from vision.person_net import BlockInput

    torch.onnx.export(BlockInput(model).eval(), torch.zeros(1, 4, 256, 320), str(path), opset_version=13,
                      input_names=["blocks"], output_names=["centres"], dynamo=False,
                      dynamic_axes={"blocks": {2: "h2", 3: "w2"}, "centres": {2: "h4", 3: "w4"}})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m vision.train_person", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack", help="pack hituav-train and hituav-val into one .npz")
    p.add_argument("data_dir", type=Path, help="folder holding hituav-train/ and hituav-val/")
    p.add_argument("out", type=Path)
    p.add_argument("--quality", type=int, default=WEBP_QUALITY,
                   help="WebP quality (75: 30 MB to carry to a GPU machine; 100: closer to the original JPEGs)")
    t = sub.add_parser("train", help="train, select on val, export ONNX")
    t.add_argument("pack", type=Path)
    t.add_argument("out_dir", type=Path)
    t.add_argument("--minutes", type=float, default=6.0)
    t.add_argument("--batch", type=int, default=64)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--init", type=Path, help="continue from these weights (.pt written by train)")
    t.add_argument("--lr", type=float, default=3e-3, help="peak learning rate of the cosine schedule")
    t.add_argument("--eval-every", type=float, default=30.0, help="seconds between validation passes")
    e = sub.add_parser("export", help="write the ONNX model cv2.dnn runs from a .pt written by train")
    e.add_argument("weights", type=Path)
    e.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "pack":
        pack(args.data_dir, args.out, args.quality)
    elif args.command == "export":
        export_weights(args.weights, args.out)
    else:
        summary = train(args.pack, args.out_dir, args.minutes, args.batch, args.seed, args.init, args.lr,
                        args.eval_every)
        print(f"best val AP50 {summary['best_val_ap50']:.3f} after {summary['steps']} steps")


if __name__ == "__main__":
    main()
