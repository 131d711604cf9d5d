"""Draw text as filled glyph outlines (vector shapes) read from a TrueType face.

Used for the diagonal watermark. Poppler (pdftotext, Evince) cannot join the letters of
diagonal *text* into words: it returns them one by one, scattered between the lines of the
page, which spoils copy, search and screen readers. So the diagonal watermark is drawn as
shapes, and the renderer puts the same words once into the text layer, horizontally.

Only what the watermark needs: simple and composite `glyf` glyphs (quadratic outlines,
component offsets and scales); no hinting, no point-matched components, no shaping.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

__all__ = ["GlyphOutlines", "TextOutline"]

_ON_CURVE = 0x01
_X_SHORT = 0x02
_Y_SHORT = 0x04
_REPEAT = 0x08
_X_SAME_OR_POSITIVE = 0x10
_Y_SAME_OR_POSITIVE = 0x20

_ARGS_ARE_WORDS = 0x0001
_ARGS_ARE_XY = 0x0002
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_XY_SCALE = 0x0040
_HAVE_TWO_BY_TWO = 0x0080

Point = tuple[float, float, bool]  # x, y, on-curve
Contour = tuple[Point, ...]


@dataclass(frozen=True)
class TextOutline:
    """A line of text as PDF path operators in font units (origin at the pen start,
    baseline y = 0), filled glyph by glyph with the nonzero rule; its advance width."""

    operators: str
    advance: float
    units_per_em: int

    def width(self, size: float) -> float:
        return self.advance * size / self.units_per_em


class GlyphOutlines:
    """Glyph outlines of a reportlab `TTFontFile` face (`pdfmetrics.getFont(name).face`)."""

    def __init__(self, face) -> None:
        self._face = face
        self._glyf = face.get_table_pos("glyf")[0]
        self._cache: dict[int, tuple[Contour, ...]] = {}
        self._operators: dict[int, str] = {}

    def text(self, text: str) -> TextOutline:
        parts: list[str] = []
        pen_x = 0
        for char in text:
            gid = self._face.charToGlyph.get(ord(char), 0)
            operators = self.glyph_operators(gid)
            if operators:
                parts.append(f"q 1 0 0 1 {pen_x} 0 cm {operators} f Q")
            pen_x += self._face.hmetrics[gid][0]
        return TextOutline(" ".join(parts), pen_x, self._face.unitsPerEm)

    def glyph_operators(self, gid: int) -> str:
        """The glyph's outline as PDF path construction operators, in font units."""
        if gid not in self._operators:
            ops: list[str] = []
            for contour in self.glyph(gid):
                _contour_operators(ops, contour)
            self._operators[gid] = " ".join(ops)
        return self._operators[gid]

    def glyph(self, gid: int, depth: int = 0) -> tuple[Contour, ...]:
        if gid not in self._cache:
            self._cache[gid] = self._read(gid, depth)
        return self._cache[gid]

    def _read(self, gid: int, depth: int) -> tuple[Contour, ...]:
        start, end = self._face.glyphPos[gid], self._face.glyphPos[gid + 1]
        if end <= start or depth > 8:
            return ()
        data = self._face.get_chunk(self._glyf + start, end - start)
        (count,) = struct.unpack_from(">h", data, 0)
        if count >= 0:
            return _simple_glyph(data, count)
        return self._composite_glyph(data, depth)

    def _composite_glyph(self, data: bytes, depth: int) -> tuple[Contour, ...]:
        contours: list[Contour] = []
        offset = 10
        flags = _MORE_COMPONENTS
        while flags & _MORE_COMPONENTS:
            flags, component = struct.unpack_from(">HH", data, offset)
            offset += 4
            arg_format = ">hh" if flags & _ARGS_ARE_WORDS else ">bb"
            dx, dy = struct.unpack_from(arg_format, data, offset)
            offset += struct.calcsize(arg_format)
            if not flags & _ARGS_ARE_XY:
                dx = dy = 0  # point-matched placement: not needed for our glyphs
            a, b, c, d = 1.0, 0.0, 0.0, 1.0
            if flags & _HAVE_SCALE:
                a = d = _f2dot14(data, offset)
                offset += 2
            elif flags & _HAVE_XY_SCALE:
                a, d = _f2dot14(data, offset), _f2dot14(data, offset + 2)
                offset += 4
            elif flags & _HAVE_TWO_BY_TWO:
                a, b, c, d = (_f2dot14(data, offset + 2 * i) for i in range(4))
                offset += 8
            for contour in self.glyph(component, depth + 1):
                contours.append(tuple((a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour))
        return tuple(contours)


def _f2dot14(data: bytes, offset: int) -> float:
    return struct.unpack_from(">h", data, offset)[0] / 16384


def _simple_glyph(data: bytes, count: int) -> tuple[Contour, ...]:
    if count == 0:
        return ()
    ends = struct.unpack_from(f">{count}H", data, 10)
    offset = 10 + 2 * count
    (instructions,) = struct.unpack_from(">H", data, offset)
    offset += 2 + instructions
    total = ends[-1] + 1
    flags: list[int] = []
    while len(flags) < total:
        flag = data[offset]
        offset += 1
        flags.append(flag)
        if flag & _REPEAT:
            flags.extend([flag] * data[offset])
            offset += 1
    xs, offset = _coordinates(data, offset, flags, _X_SHORT, _X_SAME_OR_POSITIVE)
    ys, offset = _coordinates(data, offset, flags, _Y_SHORT, _Y_SAME_OR_POSITIVE)
    points = [(x, y, bool(f & _ON_CURVE)) for x, y, f in zip(xs, ys, flags)]
    contours = []
    first = 0
    for last in ends:
        contours.append(tuple(points[first : last + 1]))
        first = last + 1
    return tuple(contours)


def _coordinates(data: bytes, offset: int, flags: list[int], short: int, same: int) -> tuple[list[int], int]:
    values = []
    value = 0
    for flag in flags:
        if flag & short:
            delta = data[offset]
            offset += 1
            value += delta if flag & same else -delta
        elif not flag & same:
            value += struct.unpack_from(">h", data, offset)[0]
            offset += 2
        values.append(value)
    return values, offset


def _contour_operators(ops: list[str], points: Contour) -> None:
    """Append one closed TrueType contour (a quadratic B-spline) as cubic PDF operators."""
    if not points:
        return
    if points[0][2]:
        start, rest = points[0], [*points[1:], points[0]]
    elif points[-1][2]:
        start, rest = points[-1], list(points)
    else:
        start = (*_mid(points[-1], points[0]), True)
        rest = [*points, start]
    ops.append(f"{_num(start[0])} {_num(start[1])} m")
    current = start
    control: Point | None = None
    for point in rest:
        if point[2]:
            if control is None:
                ops.append(f"{_num(point[0])} {_num(point[1])} l")
            else:
                ops.append(_quad(current, control, point))
            current, control = point, None
        else:
            if control is not None:
                middle = (*_mid(control, point), True)
                ops.append(_quad(current, control, middle))
                current = middle
            control = point
    if control is not None:
        ops.append(_quad(current, control, start))
    ops.append("h")


def _mid(p: Point, q: Point) -> tuple[float, float]:
    return (p[0] + q[0]) / 2, (p[1] + q[1]) / 2


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _quad(p0: Point, p1: Point, p2: Point) -> str:
    """A quadratic Bezier segment as the equivalent cubic `c` operator."""
    values = (
        p0[0] + 2 / 3 * (p1[0] - p0[0]),
        p0[1] + 2 / 3 * (p1[1] - p0[1]),
        p2[0] + 2 / 3 * (p1[0] - p2[0]),
        p2[1] + 2 / 3 * (p1[1] - p2[1]),
        p2[0],
        p2[1],
    )
    return " ".join(_num(v) for v in values) + " c"
