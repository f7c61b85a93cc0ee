#!/usr/bin/env python3
"""Open3D peer for bench-recon: VoxelGrid.carve_silhouette on the same masks.

Usage: carve.py DIR

DIR/meta.json (written by cloud-reconstruct/internal/reconbench) holds the
cell size, the volume [lo, hi], the cameras (size, intrinsics, 4x4
world-to-camera extrinsic) and per frame: one float32 .npy silhouette per
camera (1.0 inside), points.npy (float32 N x 3) and labels.npy (uint8 N, 1
inside the ideal visual hull). For every frame the script builds a dense
voxel grid over the volume, carves it with every silhouette (voxels that
leave an image are kept, as the engine's default keeps what a camera does
not see), times both, and scores the carved grid against the labels.

Prints one JSON line: {"peer": "open3d", "frames": n, "p50_ms": ...,
"p99_ms": ..., "iou": mean IoU, "voxels": mean occupied voxels}.
"""
import json
import os
import sys
import time

import numpy as np
import open3d as o3d


def camera_params(c):
    p = o3d.camera.PinholeCameraParameters()
    p.intrinsic = o3d.camera.PinholeCameraIntrinsic(c["width"], c["height"], c["fx"], c["fy"], c["cx"], c["cy"])
    p.extrinsic = np.array(c["extrinsic"], dtype=np.float64).reshape(4, 4)
    return p


def carve(meta, frame, params):
    lo = np.array(meta["lo"], dtype=np.float64)
    hi = np.array(meta["hi"], dtype=np.float64)
    cell = float(meta["cell"])
    ext = hi - lo
    masks = [o3d.geometry.Image(np.load(os.path.join(meta["dir"], m)).astype(np.float32)) for m in frame["masks"]]
    t0 = time.perf_counter()
    vg = o3d.geometry.VoxelGrid.create_dense(origin=lo, color=np.array([1.0, 1.0, 1.0]), voxel_size=cell,
                                             width=ext[0], height=ext[1], depth=ext[2])
    for mask, p in zip(masks, params):
        vg.carve_silhouette(mask, p, keep_voxels_outside_image=True)
    ms = (time.perf_counter() - t0) * 1e3
    return vg, ms


def iou(meta, vg, frame):
    lo = np.array(meta["lo"], dtype=np.float64)
    cell = float(meta["cell"])
    idx = np.array([v.grid_index for v in vg.get_voxels()], dtype=np.int64).reshape(-1, 3)
    pts = np.load(os.path.join(meta["dir"], frame["points"])).astype(np.float64)
    labels = np.load(os.path.join(meta["dir"], frame["labels"])).astype(bool)
    dims = np.maximum(idx.max(axis=0) + 1, 1) if len(idx) else np.array([1, 1, 1])
    occ = np.zeros(tuple(dims), dtype=bool)
    if len(idx):
        occ[idx[:, 0], idx[:, 1], idx[:, 2]] = True
    g = np.floor((pts - lo) / cell).astype(np.int64)
    ok = np.all((g >= 0) & (g < dims), axis=1)
    inside = np.zeros(len(pts), dtype=bool)
    inside[ok] = occ[g[ok, 0], g[ok, 1], g[ok, 2]]
    union = np.count_nonzero(inside | labels)
    return (np.count_nonzero(inside & labels) / union if union else 1.0), len(idx)


def main():
    if len(sys.argv) != 2:
        print("usage: carve.py DIR", file=sys.stderr)
        return 2
    d = sys.argv[1]
    with open(os.path.join(d, "meta.json")) as f:
        meta = json.load(f)
    meta["dir"] = d
    params = [camera_params(c) for c in meta["cameras"]]
    times, ious, voxels = [], [], []
    for frame in meta["frames"]:
        vg, ms = carve(meta, frame, params)
        times.append(ms)
        v, n = iou(meta, vg, frame)
        ious.append(v)
        voxels.append(n)
    times.sort()
    p = lambda q: times[min(len(times) - 1, max(0, int(np.ceil(q * len(times))) - 1))]
    print(json.dumps({"peer": "open3d", "frames": len(times), "p50_ms": p(0.5), "p99_ms": p(0.99),
                      "iou": float(np.mean(ious)), "voxels": float(np.mean(voxels))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
