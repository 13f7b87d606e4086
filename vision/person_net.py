"""The thermal person network (torch), used only for training and export by `vision.train_person`."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def conv_bn_relu(ci: int, co: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(ci, co, 3, stride, 1, bias=False), nn.BatchNorm2d(co), nn.ReLU(inplace=True))


class Separable(nn.Module):
    """Depthwise 3x3 then pointwise 1x1, residual when the shape allows: cheap on one CPU core."""

    def __init__(self, ci: int, co: int, stride: int = 1) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(ci, ci, 3, stride, 1, groups=ci, bias=False), nn.BatchNorm2d(ci), nn.ReLU(inplace=True),
            nn.Conv2d(ci, co, 1, bias=False), nn.BatchNorm2d(co))
        self.residual = stride == 1 and ci == co
        self.act = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.body(x)
        return self.act(x + y if self.residual else y)


class PersonNet(nn.Module):
    """Encoder to stride 16 for context, top-down merge back to stride 4, 5-channel centre head."""

    def __init__(self, widths: tuple[int, int, int, int] = (16, 24, 64, 128)) -> None:
        super().__init__()
        c1, c2, c3, c4 = widths
        self.s2 = conv_bn_relu(1, c1, 2)
        self.s4 = nn.Sequential(conv_bn_relu(c1, c2, 2), Separable(c2, c2))
        self.s8 = nn.Sequential(Separable(c2, c3, 2), Separable(c3, c3), Separable(c3, c3))
        self.s16 = nn.Sequential(Separable(c3, c4, 2), Separable(c4, c4), Separable(c4, c4), Separable(c4, c4))
        self.lateral16 = nn.Conv2d(c4, c3, 1)
        self.merge8 = Separable(c3, c3)
        self.lateral8 = nn.Conv2d(c3, c2, 1)
        self.merge4 = Separable(c2, c2)
        self.head = nn.Sequential(Separable(c2, c2), nn.Conv2d(c2, 5, 1))
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        nn.init.constant_(self.head[-1].bias, 0.0)
        with torch.no_grad():
            self.head[-1].bias[0] = -2.19  # start at a 10 % centre prior, as CenterNet does
            self.head[-1].bias[3:] = 2.9  # about 18 px, the median person size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.from_stride2(self.s2(x))

    def from_stride2(self, x: torch.Tensor) -> torch.Tensor:
        a = self.s4(x)
        b = self.s8(a)
        c = self.s16(b)
        b = self.merge8(b + self.up(self.lateral16(c)))
        a = self.merge4(a + self.up(self.lateral8(b)))
        return self.head(a)


class BlockInput(nn.Module):
    """The same network fed the frame as 2x2 pixel blocks (1x4xH/2xW/2, channel 2*row+column in the block).

    Only for export: under cv2.dnn the first convolution over one full-resolution channel, and the
    layout change before it, took 40 % of the forward pass; as a 2x2 convolution over four channels
    at half resolution the same sums take a quarter of that.
    """

    def __init__(self, net: PersonNet) -> None:
        super().__init__()
        self.net = net
        w = net.s2[0].weight.detach()  # (c1, 1, 3, 3), stride 2, padding 1
        blocks = torch.zeros(w.shape[0], 4, 2, 2)
        # tap k of the 3x3 kernel reads pixel 2i+k-1: block i-1 at offset 1, block i at 0, block i at 1
        where = {0: (0, 1), 1: (1, 0), 2: (1, 1)}
        for ky, (by, oy) in where.items():
            for kx, (bx, ox) in where.items():
                blocks[:, 2 * oy + ox, by, bx] = w[:, 0, ky, kx]
        self.first = nn.Conv2d(4, w.shape[0], 2, bias=False)
        self.first.weight = nn.Parameter(blocks)

    def forward(self, blocks: torch.Tensor) -> torch.Tensor:
        _, norm, relu = self.net.s2
        return self.net.from_stride2(relu(norm(self.first(F.pad(blocks, (1, 0, 1, 0))))))
