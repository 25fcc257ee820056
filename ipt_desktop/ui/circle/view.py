"""The view that shows a CircleScene: fits the window, zooms, and speaks the focused node."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView

from .scene import CircleScene


class CircleView(QGraphicsView):
    """A QGraphicsView over the circle that keeps the whole diagram in sight."""

    def __init__(self, scene: CircleScene | None = None, parent=None,
                 name: str = "interpersonalCircle"):
        super().__init__(parent)
        self._scene = scene or CircleScene(self)  # held here so Python keeps it alive
        self.setScene(self._scene)
        self.setObjectName(name)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing
                            | QPainter.SmoothPixmapTransform)
        self.setFrameShape(QFrame.NoFrame)
        self.setCacheMode(QGraphicsView.CacheBackground)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMinimumSize(280, 260)
        self.setAccessibleName("Interpersonal circle")
        self.setAccessibleDescription("Tab to reach each person; Up and Down move them to a "
                                      "closer or further ring, Left and Right along it.")
        self.auto_fit = True
        self.scene().person_focused.connect(self._speak)
        self.scene().sceneRectChanged.connect(self._keep_fitted)

    def circle_scene(self) -> CircleScene:
        return self.scene()

    def zoom_to_fit(self) -> None:
        """Show the whole diagram as large as the window allows (and keep doing so)."""
        self.auto_fit = True
        self.fitInView(self.sceneRect(), Qt.KeepAspectRatio)

    def zoom_by(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.2 <= scale <= 8:
            self.auto_fit = False
            self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
            self.scale(factor, factor)

    def _keep_fitted(self, *_args) -> None:
        if self.auto_fit and self.transform().m11() and self.isVisible():
            self.fitInView(self.sceneRect(), Qt.KeepAspectRatio)

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        if self.auto_fit:
            self.fitInView(self.sceneRect(), Qt.KeepAspectRatio)

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if self.auto_fit:
            self.fitInView(self.sceneRect(), Qt.KeepAspectRatio)

    def wheelEvent(self, event):  # noqa: N802
        if event.modifiers() & Qt.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
        else:
            super().wheelEvent(event)

    def event(self, event):
        # Plain graphics items are not in Qt's Tab chain (only QGraphicsWidgets are), so
        # Tab walks the people here and leaves the view after the last one.
        if (event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Tab, Qt.Key_Backtab)
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
            forward = event.key() == Qt.Key_Tab and not event.modifiers() & Qt.ShiftModifier
            if self.circle_scene().focus_next(forward):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802
        if event.modifiers() & Qt.ControlModifier and event.key() in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom_by(1.15)
        elif event.modifiers() & Qt.ControlModifier and event.key() == Qt.Key_Minus:
            self.zoom_by(1 / 1.15)
        elif event.modifiers() & Qt.ControlModifier and event.key() == Qt.Key_0:
            self.zoom_to_fit()
        else:
            super().keyPressEvent(event)

    def _speak(self, _pid: int, name: str) -> None:
        # Graphics items have no accessibility interface of their own: the view carries
        # the focused person's name so screen readers announce it.
        self.setAccessibleName(f"Interpersonal circle: {name}")
