"""The Closing plan tab: the plan made in the concluding sessions, committed as you type."""
from __future__ import annotations

import copy

from peewee import DoesNotExist
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...services import clients, closing, inventory, progress
from ...services.errors import IptError, ValidationError
from ..closing_widgets import FORM_STYLE, AgreementBar, FieldBlock, SectionCard, label
from ..widgets import CommitLineEdit, CommitTextEdit
from .closing_plan_lists import (
    NEW_GOAL_STATUS,
    GoalRow,
    ProblemRow,
    RowListEditor,
    SupportPeoplePicker,
)
from .closing_plan_progress import ProgressPanel

LIST_FIELDS = ("goals", "anticipated_problems", "support_person_ids")
FORM_WIDTH = 880


class ClosingPlanView(QWidget):
    """The closing-plan form of one client (or an empty state when none is selected)."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self._cid: int | None = None
        self.fields: dict[str, CommitLineEdit | CommitTextEdit] = {}
        self.blocks: dict[str, object] = {}
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.stack.addWidget(self._empty_page())
        self.stack.addWidget(self._form_page())
        self._connect()
        self.set_client(None)

    # -- building ---------------------------------------------------------------------
    def _empty_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("closingPlanEmpty")
        page.setStyleSheet(FORM_STYLE)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for text, name, delta in (("No client selected", "sectionTitle", 4),
                                  ("Choose a client from the list to see and write their "
                                   "closing plan.", "sectionHint", 0)):
            widget = label(text, name, point_delta=delta, bold=bool(delta))
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(2)
        return page

    def _form_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("closingPlanContent")
        page.setStyleSheet(FORM_STYLE)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        self.scroll = QScrollArea()
        self.scroll.setObjectName("closingPlanForm")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("closingPlanContent")
        row = QHBoxLayout(content)
        row.setContentsMargins(24, 16, 24, 32)
        column = QWidget()
        column.setMaximumWidth(FORM_WIDTH)
        self.column = QVBoxLayout(column)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(16)
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        self._sections()
        self.jump_row.addStretch(1)
        self.column.addStretch(1)
        self.scroll.setWidget(content)
        layout.addWidget(self.scroll, 1)
        return page

    def _header(self) -> QWidget:
        header = QFrame()
        header.setObjectName("closingPlanHeader")
        header.setStyleSheet("#closingPlanHeader { background: #ffffff; "
                             "border-bottom: 1px solid #d9dee4; } "
                             "QToolButton#jumpLink { color: #2c6e74; padding: 2px 14px 2px 0px; }")
        rows = QVBoxLayout(header)
        rows.setContentsMargins(24, 12, 24, 6)
        rows.setSpacing(6)
        layout = QHBoxLayout()
        rows.addLayout(layout)
        self.jump_row = QHBoxLayout()  # filled once the sections exist
        self.jump_row.setSpacing(2)
        rows.addLayout(self.jump_row)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(label("Closing plan", "sectionTitle", point_delta=5, bold=True))
        self.client_label = label("", "sectionHint", wrap=False)
        titles.addWidget(self.client_label)
        layout.addLayout(titles)
        layout.addStretch(1)
        self.agreement = AgreementBar()
        self.agreement.mark_requested.connect(
            lambda day: self._commit("agreed_on", day, "Mark the closing plan as agreed"))
        self.agreement.clear_requested.connect(
            lambda: self._commit("agreed_on", None, "Clear the closing plan agreement"))
        right = QVBoxLayout()
        right.addWidget(self.agreement, 0, Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.agreement.error, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(right)
        self.blocks["agreed_on"] = self.agreement
        return header

    def _card(self, title: str, hint: str, short: str = "") -> SectionCard:
        card = SectionCard(title, hint)
        self.column.addWidget(card)
        link = QToolButton()
        link.setObjectName("jumpLink")
        link.setText(short or title)
        link.setToolTip(f"Go to {title}")
        link.setAutoRaise(True)
        link.clicked.connect(lambda: self._scroll_to(card))
        self.jump_row.addWidget(link)
        return card

    def _scroll_to(self, card: QWidget) -> None:
        top = card.mapTo(self.scroll.widget(), card.rect().topLeft()).y()
        self.scroll.verticalScrollBar().setValue(max(0, top - 16))

    def _text(self, field: str, title: str, placeholder: str, hint: str = "",
              line: bool = False, min_lines: int = 3, show_title: bool = True) -> FieldBlock:
        def commit(text, f=field):
            return self._commit(f, text, merge=True)  # False: kept and retried at next flush
        editor = CommitLineEdit(commit=commit) if line else \
            CommitTextEdit(lines=min_lines, commit=commit)
        editor.setPlaceholderText(placeholder)
        editor.setObjectName(field)
        self.fields[field] = editor
        block = FieldBlock(title, editor, hint, show_title=show_title)
        self.blocks[field] = block
        return block

    def _list_block(self, field: str, title: str, editor: QWidget, hint="",
                    show_title=True) -> FieldBlock:
        block = FieldBlock(title, editor, hint, show_title=show_title)
        self.blocks[field] = block
        return block

    def _sections(self) -> None:
        card = self._card("Progress review", "How far the client has come: the scores, the "
                          "sessions, the circle, and what they say helped.", "Progress")
        self.progress = ProgressPanel()
        card.body.addWidget(self.progress)
        self.goals = RowListEditor(GoalRow, "Add goal", "No goals written here yet.",
                                   {"goal": "", "status": NEW_GOAL_STATUS})
        self.goals.setObjectName("goals")
        self.goals.edited.connect(lambda items, typing: self._commit(
            "goals", items, "Change closing-plan goals", merge=typing))
        card.body.addWidget(self._list_block(
            "goals", "Goals and how far each was reached", self.goals))
        card.body.addWidget(self._text(
            "client_account", "In the client's own words",
            "What helped, as the client puts it, e.g. \"Telling Rui what I need instead of "
            "waiting for him to guess.\""))
        self._card("Skills learned", "What the client can now do for themselves.").body \
            .addWidget(self._text("skills_learned", "Skills learned",
                                  "e.g. Noticing when I start to pull away; asking for help "
                                  "early; planning a difficult conversation", show_title=False))
        self._card("Remaining work", "What is still to work on once the sessions end.").body \
            .addWidget(self._text("remaining_work", "Remaining work",
                                  "What is left to do, and how the client will go on with it",
                                  show_title=False))
        card = self._card("Warning signs", "The client's own early signs that things are "
                          "slipping, and who will know them.")
        card.body.addWidget(self._text(
            "warning_signs", "Personal warning signs",
            "e.g. Sleeping badly, cancelling plans with friends, snapping at the children"))
        card.body.addWidget(self._text(
            "share_signs_with", "Who to share them with",
            "e.g. Rui (partner) and the GP", line=True))
        card = self._card("Anticipated problems", "Hard times to expect (anniversaries, "
                          "changes, disagreements), each with a plan.", "Problems")
        self.problems = RowListEditor(ProblemRow, "Add problem", "No problems listed yet.",
                                      {"problem": "", "plan": ""})
        self.problems.setObjectName("anticipated_problems")
        self.problems.edited.connect(lambda items, typing: self._commit(
            "anticipated_problems", items, "Change anticipated problems", merge=typing))
        card.body.addWidget(self._list_block(
            "anticipated_problems", "Problems and coping plans", self.problems))
        card = self._card("Support people", "People in the client's circle they can turn to.",
                          "Support")
        self.support = SupportPeoplePicker()
        self.support.setObjectName("support_person_ids")
        self.support.changed.connect(lambda ids: self._commit(
            "support_person_ids", ids, "Change support people"))
        card.body.addWidget(self._list_block(
            "support_person_ids", "Support people", self.support,
            "Tick the people from the Interpersonal Inventory.", show_title=False))
        card = self._card("If symptoms return", "What the client will do if the low mood or "
                          "worry comes back.")
        card.body.addWidget(self._text(
            "return_threshold", "When to act", "e.g. PHQ-9 of 10 or more for two weeks, or "
            "two weeks of poor sleep", line=True))
        card.body.addWidget(self._text(
            "return_contacts", "Who to contact", "Who to get in touch with and how, e.g. the "
            "GP surgery first, then the practice", min_lines=2))
        card.body.addWidget(self._text(
            "crisis_line", "Crisis line", "A number answered day and night, e.g. the local "
            "crisis team", line=True))
        card = self._card("Future treatment", "Maintenance sessions, referral and medication.",
                          "Future")
        pair = QHBoxLayout()
        pair.setSpacing(16)
        pair.addWidget(self._text("maintenance_frequency", "Maintenance sessions: how often",
                                  "e.g. monthly", line=True))
        pair.addWidget(self._text("maintenance_duration", "For how long",
                                  "e.g. for six months, then review", line=True))
        card.body.addLayout(pair)
        card.body.addWidget(self._text(
            "referral", "Referral", "Any referral on, e.g. couples counselling or a peer "
            "support group", min_lines=2))
        card.body.addWidget(self._text(
            "medication_plan", "Medication plan", "e.g. Continue sertraline 100 mg; review "
            "with the GP in three months", min_lines=2))
        self._card("Feelings about ending", "Endings stir things up; note how this one was "
                   "talked through.", "Ending").body.addWidget(self._text(
                       "feelings_about_ending", "Feelings about ending",
                       "e.g. Sad to stop and a little anxious, but proud of what changed",
                       show_title=False))

    def _connect(self) -> None:
        doc = self.document
        doc.closing_plan_changed.connect(self._on_plan_changed)
        doc.inventory_changed.connect(self._on_inventory_changed)
        doc.sessions_changed.connect(self._on_sessions_changed)
        doc.client_changed.connect(self._on_client_changed)
        doc.flush_requested.connect(self.flush)
        doc.closed.connect(lambda: self.set_client(None))
        QApplication.instance().focusChanged.connect(self._follow_focus)

    # -- public -----------------------------------------------------------------------
    @property
    def client_id(self) -> int | None:
        return self._cid

    def set_client(self, client_id: int | None) -> None:
        """Show `client_id`'s plan (pending typing for the previous client is kept first)."""
        self.flush()
        for field in self.fields.values():
            field.discard()  # only text the database refused is left; it was shown there
        self._cid = client_id
        for block in self.blocks.values():
            block.clear_error()
        self.agreement.reset()
        if client_id is None:
            self.stack.setCurrentIndex(0)
            return
        read_only = bool(getattr(self.document, "read_only", False))
        self._set_read_only(read_only)
        self._refresh_title()
        self._refresh_plan()
        self._refresh_progress()
        self.stack.setCurrentIndex(1)
        self.scroll.verticalScrollBar().setValue(0)

    def flush(self) -> None:
        """Commit typing still waiting for its pause (before lock, close, undo, switch)."""
        if self._cid is None:
            return
        for field in self.fields.values():
            field.flush()
        self.goals.flush()
        self.problems.flush()

    # -- committing -------------------------------------------------------------------
    def _load_plan(self, cid: int) -> dict:
        """The stored plan, or empty values without creating a row (read-only vaults)."""
        if closing.exists(cid):
            return closing.plan_dict(cid)
        return {f: [] if f in LIST_FIELDS else None if f == "agreed_on" else ""
                for f in closing.PLAN_FIELDS}

    def _commit(self, field: str, value, text: str = "", merge: bool = False) -> bool:
        """Store one field through the document; a refusal is shown at the field."""
        cid = self._cid
        if cid is None:
            return False
        try:
            if merge:  # typing: consecutive edits of a field become one undo step
                self.document.edit_closing_plan(cid, {field: copy.deepcopy(value)})
            else:
                self._commit_once(cid, field, value, text)
        except ValidationError as exc:
            self._show_error(exc.field if exc.field in self.blocks else field, exc.message)
            if not merge:
                self._refresh_plan()  # show what is stored; the refused value is named
            return False
        except IptError as exc:
            self._show_error(field, exc.message)
            return False
        self.blocks[field].clear_error()
        return True

    def _commit_once(self, cid: int, field: str, value, text: str) -> None:
        new = copy.deepcopy(value)
        old = self._load_plan(cid)[field]
        if old == new:
            return
        self.document.run(text or "Edit closing plan",
                          lambda: closing.update_plan(cid, {field: copy.deepcopy(new)}),
                          lambda: closing.update_plan(cid, {field: copy.deepcopy(old)}),
                          lambda: self.document.closing_plan_changed.emit(cid))

    def _show_error(self, field: str, message: str) -> None:
        self.blocks[field].show_error(message)

    # -- refreshing -------------------------------------------------------------------
    def _refresh_title(self) -> None:
        row = clients.client_dict(self._cid)
        name = clients.full_name(row["first_name"], row["last_name"],
                                 row.get("preferred_name") or "")
        self.client_label.setText(f"{name}  ·  {row.get('code') or ''}".rstrip(" ·"))

    def _refresh_plan(self) -> None:
        plan = self._load_plan(self._cid)
        for name, field in self.fields.items():
            field.set_value(plan[name] or "")
        self.goals.set_items(plan["goals"] or [])
        self.problems.set_items(plan["anticipated_problems"] or [])
        self._show_support(self._cid, plan["support_person_ids"] or [])
        self.agreement.set_agreed(plan["agreed_on"])

    def _show_support(self, cid: int, chosen: list[int]) -> None:
        """The inventory's people, plus chosen ones since taken off the circle."""
        people = inventory.persons(cid)
        known = {p["id"] for p in people}
        for pid in chosen:
            if pid not in known:
                try:
                    people.append({**inventory.person_dict(pid), "removed": True})
                except DoesNotExist:  # erased for good: nothing left to show
                    continue
        self.support.set_people(people, chosen)

    def _refresh_progress(self) -> None:
        self.progress.show_summary(progress.progress_summary(self._cid))

    def _on_plan_changed(self, cid: int) -> None:
        if cid == self._cid:
            self._refresh_plan()

    def _on_inventory_changed(self, cid: int) -> None:
        if cid == self._cid:
            self._show_support(cid, self._load_plan(cid)["support_person_ids"] or [])
            self._refresh_progress()

    def _on_sessions_changed(self, cid: int) -> None:
        if cid == self._cid:
            self._refresh_progress()

    def _on_client_changed(self, cid: int) -> None:
        if cid == self._cid:
            self._refresh_title()

    def _set_read_only(self, read_only: bool) -> None:
        for field in self.fields.values():
            field.setReadOnly(read_only)
        self.goals.set_read_only(read_only)
        self.problems.set_read_only(read_only)
        self.support.set_read_only(read_only)
        self.agreement.set_read_only(read_only)

    def _follow_focus(self, _old, new) -> None:
        # Keyboard users tabbing through a long form should always see the field they are in.
        if new is not None and self._cid is not None and self.scroll.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 0, 48)


__all__ = ["ClosingPlanView"]
