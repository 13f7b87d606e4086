"""The thermal person network (torch), used only for training and export by `vision.train_person`."""
from __future__ import annotations

import torch
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
        a = self.s4(self.s2(x))
        b = self.s8(a)
        c = self.s16(b)
        b = self.merge8(b + self.up(self.lateral16(c)))
        a = self.merge4(a + self.up(self.lateral8(b)))
        return self.head(a)
