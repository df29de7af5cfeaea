"""The application icon: one SVG mark and the PNG/ICO/ICNS renderings committed beside it."""
from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import make_icons
from PySide6.QtGui import QImage

from tests.packaging.paths import ICON_SIZES, RESOURCES, png_size


def test_svg_is_a_square_mark() -> None:
    root = ET.parse(RESOURCES / "phasegate.svg").getroot()
    assert root.tag.endswith("svg")
    _x, _y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height


def test_png_icons_exist_at_every_desktop_size() -> None:
    for size in ICON_SIZES:
        assert png_size(RESOURCES / f"phasegate-{size}.png") == (size, size)


def test_ico_holds_one_png_per_windows_size() -> None:
    data = (RESOURCES / "phasegate.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, _bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        sizes.append(width or 256)
    assert sorted(sizes) == [16, 32, 48, 64, 128, 256]


def test_icns_length_and_chunks_are_consistent() -> None:
    data = (RESOURCES / "phasegate.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    kinds, at = [], 8
    while at < len(data):
        kinds.append(data[at:at + 4])
        at += struct.unpack_from(">I", data, at + 4)[0]
    assert at == len(data)
    assert set(kinds) == {b"icp4", b"icp5", b"icp6", b"ic07", b"ic08", b"ic09"}


def _mean_difference(a: QImage, b: QImage) -> float:
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    total = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            total += sum(abs(((pa >> s) & 255) - ((pb >> s) & 255)) for s in (0, 8, 16, 24))
    return total / (a.width() * a.height() * 4)


def test_committed_pngs_match_a_fresh_render_of_the_svg(qapp, tmp_path: Path) -> None:
    assert make_icons.main(["--out", str(tmp_path)]) == 0
    for size in (16, 32, 64):
        fresh, committed = QImage(str(tmp_path / f"phasegate-{size}.png")), QImage(str(RESOURCES / f"phasegate-{size}.png"))
        assert _mean_difference(fresh, committed) < 2.0, f"phasegate-{size}.png is stale: run packaging/make_icons.py"


def test_small_icon_is_opaque_in_the_middle_and_transparent_in_the_corner(qapp) -> None:
    image = QImage(str(RESOURCES / "phasegate-16.png"))
    assert image.pixelColor(8, 8).alpha() == 255
    assert image.pixelColor(0, 0).alpha() < 128  # rounded corner
