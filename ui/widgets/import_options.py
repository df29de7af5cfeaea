"""Import wizard parts for how the file is read: ImportOptions (week hours, dates, thresholds) and skills layout/scale."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.roster_import import ImportOptions
from app.roster_import.level_scale import open_scale, stated_scale
from app.roster_import.skill_levels import SCALES, detect_scale, level_word, numeric_level, split_skill_list

LAYOUTS = (("auto", "Detect"), ("matrix", "One column per skill"), ("list", "Skills listed in one cell"),
           ("long", "One row per person and skill"), ("none", "No skills in this file"))
LAYOUT_LABELS = dict(LAYOUTS)
DATE_ORDERS = (("auto", "Detect from the values"), ("dmy", "Day first (31/12/2025)"), ("mdy", "Month first (12/31/2025)"))
SCALE_LABELS = {"0-5": "0–5 (Phasegate's own)", "1-5": "1–5", "0-4": "0–4", "1-4": "1–4", "0-3": "0–3", "1-3": "1–3",
                "1-7": "1–7 (SFIA-like)", "0-10": "0–10", "0-100": "0–100 or percentages",
                "binary": "0 / 1 (has the skill or not)", "words": "Words (Beginner … Expert)"}
SETTINGS_KEY = "import/options"


class ImportOptionsGroup(QGroupBox):
    """The importer's knobs a user may need to change: one FTE's weekly hours, date order, levels and matching."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Reading options", parent)
        self.setAccessibleName("Import options")
        self.week_hours = QDoubleSpinBox()
        self.week_hours.setRange(1.0, 80.0)
        self.week_hours.setDecimals(1)
        self.week_hours.setSuffix(" h")
        self.week_hours.setAccessibleName("Standard week hours")
        self.week_hours.setToolTip("Weekly hours of one full-time person; a 'Weekly hours' column is divided by this")
        self.date_order = QComboBox()
        self.date_order.setAccessibleName("Date order")
        self.date_order.setToolTip("How to read dates like 03/04/2025 when the file does not make it clear")
        for key, label in DATE_ORDERS:
            self.date_order.addItem(label, key)
        self.unrated_level = QSpinBox()
        self.unrated_level.setRange(1, 5)
        self.unrated_level.setAccessibleName("Level of skills listed without a level")
        self.unrated_level.setToolTip("A skill written in a list without a level ('Python; SQL') gets this level")
        self.skill_threshold = QSpinBox()
        self.skill_threshold.setRange(50, 100)
        self.skill_threshold.setSuffix(" %")
        self.skill_threshold.setAccessibleName("Skill name match threshold")
        self.skill_threshold.setToolTip("How similar a skill name must be to a catalogue skill to be matched to it; "
                                        "below it a new custom skill is created")
        self.column_threshold = QSpinBox()
        self.column_threshold.setRange(50, 100)
        self.column_threshold.setSuffix(" %")
        self.column_threshold.setAccessibleName("Column name match threshold")
        self.column_threshold.setToolTip("How similar a header must be to a known column name to be suggested")
        form = QFormLayout(self)
        form.addRow("One FTE works", self.week_hours)
        form.addRow("Dates", self.date_order)
        form.addRow("Listed skills without a level", self.unrated_level)
        form.addRow("Match skill names from", self.skill_threshold)
        form.addRow("Match column names from", self.column_threshold)
        self.set_options(ImportOptions())
        for spin in (self.week_hours, self.unrated_level, self.skill_threshold, self.column_threshold):
            spin.valueChanged.connect(self.changed)
        self.date_order.currentIndexChanged.connect(self.changed)

    def set_options(self, options: ImportOptions) -> None:
        """Show these options."""
        blockers = [w.blockSignals(True) for w in (self.week_hours, self.date_order, self.unrated_level,
                                                    self.skill_threshold, self.column_threshold)]
        self.week_hours.setValue(options.standard_week_hours)
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(options.date_order)))
        self.unrated_level.setValue(options.unrated_list_level)
        self.skill_threshold.setValue(round(options.skill_match_threshold))
        self.column_threshold.setValue(round(options.column_match_threshold))
        for widget, was in zip((self.week_hours, self.date_order, self.unrated_level, self.skill_threshold,
                                self.column_threshold), blockers, strict=True):
            widget.blockSignals(was)

    def options(self) -> ImportOptions:
        """The options as set (row and column caps keep their defaults)."""
        return ImportOptions(standard_week_hours=self.week_hours.value(), date_order=self.date_order.currentData(),
                             unrated_list_level=self.unrated_level.value(),
                             skill_match_threshold=float(self.skill_threshold.value()),
                             column_match_threshold=float(self.column_threshold.value()))

    def load(self, settings: Any) -> None:
        """Show the options saved last time (the defaults when none or unreadable)."""
        saved = settings.value(SETTINGS_KEY)
        try:
            self.set_options(ImportOptions.model_validate_json(saved) if saved else ImportOptions())
        except ValueError:
            self.set_options(ImportOptions())

    def save(self, settings: Any) -> None:
        """Remember the options for the next import."""
        settings.setValue(SETTINGS_KEY, self.options().model_dump_json())


def preview_scale(info: Any, mapping: Any, *, unrated: int = 3) -> tuple[str | None, str]:
    """(scale, how it was found) from a legend, the level columns' headers ('Python (1-4)') or the preview rows'
    level cells — what the import will read; '1-4 or 1-5' when the levels stop below 5 and nothing says the scale
    (the import asks then); None when the preview shows no levels (`unrated`: the level skills listed without one
    are given)."""
    targets = ("skill",) if (mapping.layout or info.layout) == "matrix" else ("skill_level",)
    columns = [i for i, name in enumerate(info.columns) if mapping.target_of(name) in targets]
    # 'Python (Advanced); SQL (Beginner)': a list cell holds its levels beside the names
    lists = [i for i, name in enumerate(info.columns) if mapping.target_of(name) == "skills_list"]
    numbers, words, cells, listed = [], [], [], 0
    for row in info.preview:
        row_cells = [row[i] for i in columns if i < len(row)]
        pairs = [pair for i in lists if i < len(row) for pair in split_skill_list(row[i])]
        listed += len(pairs)
        row_cells += [level for _name, level in pairs if level]
        for cell in row_cells:
            if cell.strip() and not cell.strip().endswith("%"):
                number = numeric_level(cell)
                if number is not None:
                    numbers.append(number)
                    cells.append(cell)
                elif level_word(cell) is not None:
                    words.append(cell.strip())
    if getattr(info, "legend_scale", None):
        return info.legend_scale, "from the legend above the header"
    said = stated_scale([info.columns[i] for i in [*columns, *lists]], zeros=0 in numbers)
    if said:
        return said[0], f"as ‘{said[1]}’ says"
    if not numbers and words:  # 'Beginner', 'Advanced': the importer's word scale, not "not known yet"
        seen = sorted(set(words), key=lambda w: (level_word(w), w))
        shown = f"‘{seen[0]}’ to ‘{seen[-1]}’" if len(seen) > 1 else f"‘{seen[0]}’"
        return "words", f"{len(words)} level words in the first {len(info.preview)} rows, {shown}"
    if not numbers and listed and not columns:  # 'Java, Spring, React': names only, which the importer gives a level
        return None, (f"{listed} skills listed without a level in the first {len(info.preview)} rows: each is "
                      f"recorded at level {unrated}, the reading option “Listed skills without a level” on the "
                      "previous page")
    if not numbers:
        return None, "no levels in the preview rows; the whole file is checked when importing"
    seen_text = f"{len(numbers)} levels in the first {len(info.preview)} rows, from {min(numbers):g} to {max(numbers):g}"
    asked = open_scale(cells)
    if asked:  # what the import will do: ask, not read 1–5
        return f"{asked.short} or {asked.long}", (f"{seen_text}, and nothing says the scale: choose it below, or "
                                                  "the import asks")
    return detect_scale(numbers), seen_text


def _scale_words(scale: str | None, *, unrated: bool = False) -> str:
    """'1–5', or '1–4 or 1–5?' for a scale the levels leave open, or 'not known yet' ('none in the preview rows'
    when the preview lists skills without levels: `unrated`)."""
    if scale and " or " in scale:
        return " or ".join(SCALE_LABELS.get(s, s) for s in scale.split(" or ")) + "?"
    return SCALE_LABELS.get(scale or "", "none in the preview rows" if unrated else "not known yet")


class SkillsPage(QWizardPage):
    """Step 4: how skills are laid out and which level scale the file uses — what was detected, and an override."""

    def __init__(self, wizard: Any) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Skills layout and level scale")
        self.setSubTitle("Levels are converted to Phasegate's 0–5 scale; the original value is kept as evidence. "
                         "Change either choice when the detection is wrong.")
        self.detected = QLabel()
        self.detected.setAccessibleName("Detected layout and scale")
        self.detected.setWordWrap(True)
        self.layout_combo = QComboBox()
        self.layout_combo.setAccessibleName("Skills layout")
        for key, label in LAYOUTS:
            self.layout_combo.addItem(label, key)
        self.scale_combo = QComboBox()
        self.scale_combo.setAccessibleName("Level scale")
        self.scale_combo.setToolTip("Detect = from the level values in the file; choose a scale to override it")
        self.scale_combo.addItem("Detect", "auto")
        for scale in SCALES:
            self.scale_combo.addItem(SCALE_LABELS.get(scale, scale), scale)
        from app.domain.skills import LEVEL_LABELS
        from app.roster_import.skill_levels import BINARY_LEVEL

        self.binary_combo = QComboBox()
        self.binary_combo.setAccessibleName("Level of a 1 in a yes/no skill column")
        self.binary_combo.setToolTip("A skill column holding only 0 and 1 says who has the skill, not how well; "
                                     f"Phasegate records a 1 as {LEVEL_LABELS[BINARY_LEVEL]} unless you choose")
        for level in range(1, 6):
            self.binary_combo.addItem(f"{level} – {LEVEL_LABELS[level]}", level)
        self.binary_combo.setCurrentIndex(self.binary_combo.findData(BINARY_LEVEL))
        form = QFormLayout()
        form.addRow("Layout", self.layout_combo)
        form.addRow("Scale", self.scale_combo)
        form.addRow("A 1 in a yes/no skill column means", self.binary_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.detected)
        layout.addLayout(form)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Say what was detected and preselect the mapping's choices (Detect unless the user chose before)."""
        info, mapping = self.w.info, self.w.mapping
        self.detected_layout = info.layout
        options = getattr(self.w, "import_options", None)
        self.detected_scale, how = preview_scale(info, mapping, unrated=getattr(options, "unrated_list_level", 3))
        skill_columns = len(mapping.columns_for("skill"))
        layout_text = LAYOUT_LABELS.get(info.layout, info.layout)
        if info.layout == "matrix":
            layout_text += f" ({skill_columns} skill columns)"
        scale_text = _scale_words(self.detected_scale, unrated="without a level" in how)
        self.detected.setText(f"<b>Detected</b>: layout <b>{layout_text}</b>; level scale <b>{scale_text}</b> "
                              f"({how}).")
        self.layout_combo.setItemText(0, f"Detect ({LAYOUT_LABELS.get(info.layout, info.layout).lower()})")
        self.scale_combo.setItemText(0, f"Detect ({scale_text})")
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(mapping.layout or "auto")))
        self.scale_combo.setCurrentIndex(max(0, self.scale_combo.findData(mapping.scale or "auto")))
        binary = getattr(mapping, "binary_level", None)
        if binary:
            self.binary_combo.setCurrentIndex(self.binary_combo.findData(binary))

    def set_layout(self, layout: str) -> None:
        """Choose a layout as the user would ('auto' to detect)."""
        self.layout_combo.setCurrentIndex(self.layout_combo.findData(layout))

    def set_scale(self, scale: str) -> None:
        """Choose a scale as the user would ('auto' to detect)."""
        self.scale_combo.setCurrentIndex(self.scale_combo.findData(scale))

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Store layout and scale on the mapping (None = detect)."""
        layout, scale = self.layout_combo.currentData(), self.scale_combo.currentData()
        self.w.mapping = self.w.mapping.model_copy(update={"layout": None if layout == "auto" else layout,
                                                           "scale": None if scale == "auto" else scale,
                                                           "binary_level": self.binary_combo.currentData()})
        return True
