"""The shared commit-as-you-type editors: what is stored, what is kept, what is seen."""
import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ipt_desktop.ui.widgets import CommitLineEdit, CommitTextEdit


@pytest.fixture
def holder(qtbot):
    widget = QWidget()
    QVBoxLayout(widget)
    widget.resize(320, 200)
    qtbot.addWidget(widget)
    return widget


def test_refused_text_stays_and_is_stored_at_the_next_flush(qtbot, holder):
    stored, accept = [], {"now": False}

    def commit(text):
        if not accept["now"]:
            return False  # e.g. the disk is full
        stored.append(text)
    edit = CommitLineEdit(commit=commit)
    holder.layout().addWidget(edit)
    qtbot.keyClicks(edit, "Crisis team")
    edit.flush()
    assert stored == [] and edit.dirty
    edit.set_value("")  # a refresh from the database must not wipe the typing
    assert edit.text() == "Crisis team"
    accept["now"] = True
    edit.flush()
    assert stored == ["Crisis team"] and not edit.dirty
    edit.flush()
    assert stored == ["Crisis team"]  # nothing new typed: nothing stored again


def test_discard_lets_the_next_record_be_shown(qtbot, holder):
    edit = CommitLineEdit(commit=lambda text: False)
    holder.layout().addWidget(edit)
    qtbot.keyClicks(edit, "for the previous client")
    edit.discard()
    edit.set_value("the new client's text")
    assert edit.text() == "the new client's text" and not edit.dirty


@pytest.mark.parametrize("words, scrolls", [(60, False), (150, True)])
def test_a_note_grows_to_show_every_line_then_scrolls(qtbot, holder, words, scrolls):
    edit = CommitTextEdit(lines=2, max_lines=12)
    holder.layout().addWidget(edit)
    holder.show()
    small = edit.height()
    edit.setPlainText("word " * words)  # wraps onto many lines at this width
    QApplication.processEvents()  # let the text be laid out and the height follow
    lines = int(edit.document().size().height())
    assert lines > 2 and edit.height() > small
    assert edit.verticalScrollBar().isVisible() is scrolls
    assert not edit.horizontalScrollBar().isVisible()
    if not scrolls:  # every line is in view, the last one included
        last = edit.document().lastBlock()
        bottom = edit.blockBoundingGeometry(last).translated(edit.contentOffset()).bottom()
        assert bottom <= edit.viewport().height()
