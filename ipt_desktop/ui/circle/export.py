"""Saving the circle as a picture (PNG or SVG), with no selection or hover marks on it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from ...services.errors import IptError, ValidationError
from .scene import CircleScene

FORMATS = {".png": "PNG image", ".svg": "SVG drawing"}


class _Clean:
    """Hide interaction marks (selection, focus, the add ghost) while drawing."""

    def __init__(self, scene: CircleScene):
        self.scene = scene

    def __enter__(self):
        self.selected = self.scene.selected_person()
        self.focus = self.scene.focusItem()
        self.scene.clearSelection()
        self.scene.clearFocus()
        self.hidden = [i for i in (self.scene._ghost, self.scene._highlight) if i.isVisible()]
        for item in self.hidden:
            item.setVisible(False)
        return self

    def __exit__(self, *exc):
        for item in self.hidden:
            item.setVisible(True)
        self.scene.select_person(self.selected)
        if self.focus is not None:
            self.focus.setFocus()
        return False


def render_image(scene: CircleScene, width: int = 1600) -> QImage:
    """The whole diagram drawn at `width` pixels, white background."""
    source = scene.sceneRect()
    height = round(width * source.height() / source.width())
    image = QImage(QSize(width, height), QImage.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    with _Clean(scene):
        painter = QPainter(image)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing
                               | QPainter.SmoothPixmapTransform)
        scene.render(painter, QRectF(0, 0, width, height), source, Qt.KeepAspectRatio)
        painter.end()
    return image


def export_png(scene: CircleScene, path, width: int = 1600) -> Path:
    path = Path(path)
    if not render_image(scene, width).save(str(path), "PNG"):
        raise IptError(f"The picture could not be written to {path.name}; check that the "
                       "folder exists and has free space.")
    return path


def export_svg(scene: CircleScene, path, title: str = "Interpersonal circle") -> Path:
    path = Path(path)
    source = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    with _Clean(scene):
        painter = QPainter()
        if not painter.begin(generator):
            raise IptError(f"The drawing could not be written to {path.name}; check that the "
                           "folder exists and has free space.")
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
        painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise IptError(f"The drawing could not be written to {path.name}.")
    return path


def export_image(scene: CircleScene, path) -> Path:
    """Save as PNG or SVG according to the file name's ending."""
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        return export_png(scene, path)
    if suffix == ".svg":
        return export_svg(scene, path)
    raise ValidationError("path", "Choose a file name ending in .png (a picture) or .svg "
                                  "(a drawing that stays sharp when enlarged).")
