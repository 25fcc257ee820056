"""A PDF preview fed from bytes in memory (QtPdf over a QBuffer: no temp file), and printing."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget


class PdfPreview(QWidget):
    """Shows the pages of a PDF held in memory; `message()` replaces them with a sentence."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.pdf = QPdfDocument(self)
        self._bytes = QByteArray()
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(14)
        self.note = QLabel()
        self.note.setObjectName("pdfPreviewMessage")
        self.note.setAlignment(Qt.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.note)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def load(self, data: bytes) -> int:
        """Show `data`; returns the number of pages (0 if it could not be read)."""
        self.pdf.close()
        if self._buffer is not None:
            self._buffer.close()
        # The buffer must outlive the document's reading of it: keep both on self.
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.ReadOnly)
        self.pdf.load(self._buffer)
        if self.pdf.status() != QPdfDocument.Status.Ready or self.pdf.pageCount() == 0:
            self.message("This document could not be shown.")
            return 0
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, QPointF(), 0)
        return self.pdf.pageCount()

    def page_count(self) -> int:
        return self.pdf.pageCount() if self.stack.currentWidget() is self.view else 0

    def message(self, text: str) -> None:
        self.pdf.close()
        self.note.setText(text)
        self.stack.setCurrentWidget(self.note)

    def clear(self) -> None:
        """Forget the document (its bytes too): nothing of it stays in memory."""
        self.message("")
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None
        self._bytes = QByteArray()

    def print_to(self, printer) -> None:
        """Draw every page on `printer`, scaled to fit its printable area."""
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("The printer could not be started.")
        try:
            dpi = printer.resolution()
            for index in range(self.pdf.pageCount()):
                if index:
                    printer.newPage()
                points = self.pdf.pagePointSize(index)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.pdf.render(index, size)
                area = painter.viewport()
                scale = min(area.width() / size.width(), area.height() / size.height())
                target = QRectF(0, 0, size.width() * scale, size.height() * scale)
                painter.drawImage(target, image)
        finally:
            painter.end()
