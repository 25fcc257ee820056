"""The Documents tab: pick a document, preview it, print it or save it as a PDF."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...reports import KINDS
from ...services.errors import IptError
from ..pdf_preview import PdfPreview

KIND_ROLE = Qt.UserRole


class PasswordDialog(QDialog):
    """Asks for a PDF password twice; refuses an empty or mismatched one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Protect the PDF")
        self.first, self.second = QLineEdit(), QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.Password)
        self.first.setObjectName("pdfPassword")
        self.second.setObjectName("pdfPasswordRepeat")
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel("Whoever opens the PDF will need this password. Tell it to them "
                           "another way than the file itself."))
        form.addRow("Password", self.first)
        form.addRow("Repeat", self.second)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self):
        if not self.first.text():
            self.error.setText("Type a password, or cancel to save without one.")
        elif self.first.text() != self.second.text():
            self.error.setText("The two passwords differ.")
        else:
            self.accept()

    def password(self) -> str:
        return self.first.text()


class DocumentsView(QWidget):
    """The kinds of document, a live preview, Print and Save, and what was made before."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("documentsView")
        self.document = document
        self.client_id: int | None = None
        self.kind: str | None = None

        self.kinds = QListWidget()
        self.kinds.setObjectName("documentKinds")
        self.kinds.currentItemChanged.connect(lambda item, _old: self._show(
            item.data(KIND_ROLE) if item else None))
        self.log = QTreeWidget()
        self.log.setObjectName("documentLog")
        self.log.setHeaderLabels(["Document", "Made on", "How"])
        self.log.setRootIsDecorated(False)
        self.log.itemDoubleClicked.connect(lambda *_: self._make_again())
        self.again = QPushButton("Make again")
        self.again.setObjectName("makeAgain")
        self.again.setToolTip("Show this document again, made from today's record")
        self.again.clicked.connect(self._make_again)
        self.log.currentItemChanged.connect(lambda cur, _o: self.again.setEnabled(bool(cur)))
        self.again.setEnabled(False)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(12, 12, 6, 12)
        lv.addWidget(self._heading("Documents"))
        lv.addWidget(self.kinds, 3)
        lv.addWidget(self._heading("Made for this client"))
        lv.addWidget(self.log, 2)
        lv.addWidget(self.again, 0, Qt.AlignRight)

        self.title = QLabel()
        self.title.setObjectName("documentTitle")
        self.title.setProperty("role", "heading")
        self.protect = QCheckBox("Protect with a password")
        self.protect.setObjectName("protectPdf")
        self.print_button = QPushButton("Print...")
        self.print_button.setObjectName("printDocument")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton("Save as PDF...")
        self.save_button.setObjectName("saveDocument")
        self.save_button.clicked.connect(self.save_document)
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.protect)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        self.preview = PdfPreview()
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 12, 12, 12)
        rv.addLayout(bar)
        rv.addWidget(self.preview, 1)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        left.setMinimumWidth(290)  # the longest kind ("Interpersonal Circle (blank ...)") fits
        split.setSizes([300, 660])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        document.documents_changed.connect(self._documents_changed)
        for signal in (document.client_changed, document.inventory_changed,
                       document.sessions_changed, document.closing_plan_changed):
            signal.connect(self._record_changed)
        document.profile_changed.connect(lambda: self._show(self.kind))
        self.set_client(None)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "section")
        return label

    # -- client and kinds -------------------------------------------------------
    def set_client(self, client_id: int | None) -> None:
        """Show the documents of `client_id`; None leaves the general handouts only."""
        self.client_id = client_id
        current = self.kind
        self.kinds.blockSignals(True)
        self.kinds.clear()
        for name, kind in KINDS.items():
            if kind.needs_client and client_id is None:
                continue
            item = QListWidgetItem(kind.title)
            item.setData(KIND_ROLE, name)
            self.kinds.addItem(item)
        self.kinds.blockSignals(False)
        self._fill_log()
        self.log.setEnabled(client_id is not None)
        names = [self.kinds.item(i).data(KIND_ROLE) for i in range(self.kinds.count())]
        self.select_kind(current if current in names else None)

    def select_kind(self, kind: str | None) -> None:
        """Select a kind in the list (which builds its preview)."""
        for i in range(self.kinds.count()):
            if self.kinds.item(i).data(KIND_ROLE) == kind:
                self.kinds.setCurrentRow(i)
                self._show(kind)
                return
        self.kinds.setCurrentRow(-1)
        self._show(None)

    def _record_changed(self, cid: int, *_):
        if cid == self.client_id and self.kind and self.isVisible():
            self._show(self.kind)

    def _documents_changed(self, cid: int):
        if cid == self.client_id:
            self._fill_log()

    # -- preview ---------------------------------------------------------------
    def _build(self, password: str | None = None) -> bytes:
        from ...services import documents
        return documents.make(self.kind, self.client_id, password=password)

    def _show(self, kind: str | None) -> None:
        self.kind = kind
        enabled = kind is not None
        self.print_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self.protect.setEnabled(enabled)
        if kind is None:
            self.title.setText("")
            self.preview.message("Choose a document on the left to see it here."
                                 if self.client_id is not None else
                                 "Choose a client to make their documents, or a general "
                                 "handout on the left.")
            return
        self.title.setText(KINDS[kind].title)
        try:
            self.preview.load(self._build())
        except IptError as exc:
            self.preview.message(exc.message)
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)

    def page_count(self) -> int:
        return self.preview.page_count()

    # -- print, save, log --------------------------------------------------------
    def _record(self, options: dict) -> None:
        try:
            self.document.record_document(self.client_id, self.kind, options)
        except IptError as exc:
            QMessageBox.warning(self, "Not logged", exc.message)

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            self.preview.print_to(printer)
        except OSError as exc:
            QMessageBox.warning(self, "Not printed", str(exc))
            return
        self._record({"printed": True})

    def suggested_name(self) -> str:
        from ...services.report_data import client_info
        suffix = ""
        if self.client_id is not None:
            info = client_info(self.client_id)
            suffix = "-" + (info.code or info.last_name).replace(" ", "-")
        return f"{self.kind}{suffix}.pdf"

    def ask_save_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save as PDF", self.suggested_name(),
                                              "PDF documents (*.pdf)")
        return path

    def ask_password(self) -> str | None:
        dialog = PasswordDialog(self)
        return dialog.password() if dialog.exec() == QDialog.Accepted else None

    def save_document(self) -> None:
        """Ask for a file (and a password if wanted), build, write atomically, log."""
        from ...services import documents
        if self.kind is None:
            return
        password = None
        if self.protect.isChecked():
            password = self.ask_password()
            if password is None:
                return
        path = self.ask_save_path()
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            documents.save_pdf(self._build(password), path)
        except IptError as exc:
            QMessageBox.warning(self, "Not saved", exc.message)
            return
        self._record({"saved": True, "password_protected": bool(password)})

    def _fill_log(self) -> None:
        from ...services import documents
        self.log.clear()
        if self.client_id is None:
            return
        for row in documents.documents(self.client_id):
            opts = row["options"] or {}
            how = ", ".join(w for w, on in (("printed", opts.get("printed")),
                                            ("saved", opts.get("saved")),
                                            ("password", opts.get("password_protected")),
                                            ("command line", opts.get("via"))) if on)
            item = QTreeWidgetItem([row["title"], f"{row['created_at']:%d %b %Y %H:%M}",
                                    how])
            item.setData(0, KIND_ROLE, row["kind"])
            self.log.addTopLevelItem(item)
        self.log.resizeColumnToContents(1)

    def _make_again(self) -> None:
        item = self.log.currentItem()
        if item is not None:
            self.select_kind(item.data(0, KIND_ROLE))
