"""A calm, professional look: one palette, one stylesheet, the band and risk colours."""
from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette

from ..resource_files import resource

# The bundled icons' folder (icons.ICON_DIR), named here so the style needs no icon code.
ICONS = resource("icons").as_posix()

ACCENT = "#2c6e74"  # a quiet teal: clinical without being cold
ACCENT_DARK = "#1f5357"
ACCENT_SOFT = "#e3eff0"
WINDOW = "#f4f5f7"
CARD = "#ffffff"
BORDER = "#d9dee4"
TEXT = "#1f2933"
MUTED = "#5f6c7b"
DISABLED_TEXT = "#a3adb8"
ERROR = "#b3261e"
WARNING_BG = "#fff4d6"
WARNING_TEXT = "#6b4e00"
RISK_BG = "#c62828"
RISK_TEXT = "#ffffff"

# PHQ-9 / GAD-7 bands: (background tint, text colour), mild to severe.
BAND_COLOURS = {
    "minimal": ("#e2f3e7", "#1d6b3a"),
    "mild": ("#eef5d6", "#4a6611"),
    "moderate": ("#fff0c7", "#7a5700"),
    "moderately severe": ("#ffdfc2", "#8a3f00"),
    "severe": ("#fbd3d3", "#9b1c1c"),
}


def band_colours(band: str | None) -> tuple[QColor, QColor] | None:
    if band not in BAND_COLOURS:
        return None
    bg, fg = BAND_COLOURS[band]
    return QColor(bg), QColor(fg)


STYLESHEET = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QWidget {{ color: {TEXT}; }}
QWidget:disabled {{ color: {DISABLED_TEXT}; }}
QToolTip {{ background: {TEXT}; color: white; border: none; padding: 4px 6px; }}
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QDateEdit {{
    background: {CARD}; border: 1px solid {BORDER}; border-radius: 5px;
    padding: 4px 6px; selection-background-color: {ACCENT};
}}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QSpinBox:focus {{
    border: 1px solid {ACCENT};
}}
QComboBox::drop-down {{ border: none; width: 22px; }}
QComboBox::down-arrow {{ image: url({ICONS}/chevron-down.svg); width: 12px; height: 12px; }}
QComboBox QAbstractItemView {{ background: {CARD}; border: 1px solid {BORDER};
    selection-background-color: {ACCENT_SOFT}; selection-color: {TEXT}; }}
QSpinBox {{ padding-right: 20px; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: 18px;
    border: none; background: transparent; }}
QSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-arrow {{ image: url({ICONS}/chevron-up.svg); width: 10px; height: 10px; }}
QSpinBox::down-arrow {{ image: url({ICONS}/chevron-down.svg); width: 10px; height: 10px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QSpinBox[invalid="true"] {{ border: 1px solid {ERROR}; background: #fff7f6; }}
QLabel[role="error"] {{ color: {ERROR}; }}
QLabel[role="warning"] {{ color: {WARNING_TEXT}; background: {WARNING_BG};
    border-radius: 4px; padding: 3px 6px; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="title"] {{ font-size: 15pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ color: {MUTED}; }}
QLabel[role="section"] {{ font-size: 11pt; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel[role="chip"] {{ background: {ACCENT_SOFT}; color: {ACCENT_DARK};
    border-radius: 9px; padding: 2px 9px; font-weight: 600; }}
QFrame[role="card"] {{ background: {CARD}; border: 1px solid {BORDER}; border-radius: 8px; }}
QFrame[role="card"] QLabel {{ background: transparent; }}
QPushButton {{ background: {CARD}; border: 1px solid {BORDER}; border-radius: 5px;
    padding: 5px 12px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:focus {{ border: 1px solid {ACCENT}; }}
QPushButton:default, QPushButton[primary="true"] {{ background: {ACCENT}; color: white;
    border-color: {ACCENT_DARK}; }}
QPushButton:default:hover, QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton:disabled {{ color: #9aa5b1; background: #eef0f2; }}
QPushButton[flat="true"] {{ border: none; background: transparent; color: {ACCENT}; }}
QTableView {{ background: {CARD}; border: 1px solid {BORDER}; border-radius: 6px;
    gridline-color: #edf0f3; selection-background-color: {ACCENT_SOFT};
    selection-color: {TEXT}; alternate-background-color: #fafbfc; }}
QTableView::item {{ padding: 2px 6px; }}
QTableView::item:selected {{ background: {ACCENT_SOFT}; color: {TEXT}; }}
QHeaderView::section {{ background: {WINDOW}; border: none;
    border-bottom: 1px solid {BORDER}; padding: 5px 6px; color: {MUTED}; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 6px; background: {WINDOW};
    top: -1px; }}
QTabBar::tab {{ background: transparent; padding: 7px 16px; margin-right: 2px;
    color: {MUTED}; border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {ACCENT_DARK}; border-bottom: 2px solid {ACCENT};
    font-weight: 600; }}
QTabBar::tab:hover {{ color: {TEXT}; }}
QScrollArea {{ border: none; background: transparent; }}
QStatusBar {{ background: {WINDOW}; color: {MUTED}; border-top: 1px solid {BORDER}; }}
QSplitter::handle {{ background: {WINDOW}; }}
QMenuBar {{ background: {WINDOW}; }}
QToolBar {{ background: {WINDOW}; border: none; border-bottom: 1px solid {BORDER};
    spacing: 4px; padding: 3px; }}
QToolButton {{ border-radius: 5px; padding: 4px; }}
QToolButton:hover {{ background: {ACCENT_SOFT}; }}
"""


STYLE = "Fusion"  # the same on every platform


def apply(app, style_named: bool = False) -> None:
    """Fusion with the calm palette and stylesheet, once per application.

    `style_named`: the application was made with `-style Fusion` already.
    """
    if app.property("iptStyled"):
        return  # applying again would re-polish every widget for nothing
    app.setProperty("iptStyled", True)
    if not style_named:
        app.setStyle(STYLE)
    pal = app.palette()
    pal.setColor(QPalette.Window, QColor(WINDOW))
    pal.setColor(QPalette.Base, QColor(CARD))
    pal.setColor(QPalette.AlternateBase, QColor("#fafbfc"))
    pal.setColor(QPalette.Text, QColor(TEXT))
    pal.setColor(QPalette.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ButtonText, QColor(TEXT))
    pal.setColor(QPalette.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.PlaceholderText, QColor("#8a96a3"))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, QColor(DISABLED_TEXT))
    app.setPalette(pal)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    font.setStyleStrategy(QFont.PreferAntialias)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def repolish(widget) -> None:
    """Re-apply the stylesheet after a dynamic property (invalid, role) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
