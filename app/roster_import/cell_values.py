"""What one cell says: FTE, hours, money, dates, yes/no, status words, names. Bad input raises ValueProblem."""
from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from app.domain.people import FTE_HARD_LIMIT, CommitmentStatus


class ValueProblem(ValueError):
    """A cell value that cannot be used; the message is the reason shown to the user."""


_BLANKS = frozenset({"", "-", "--", "—", "n/a", "na", "n.a.", "none", "null", "nan", "#n/a", "?"})
#: Placeholder words read as an empty cell (lower case).
BLANK_WORDS = _BLANKS
_CURRENCY = re.compile(r"(?i)(?:[€$£¥₹₣]|\b(?:eur|usd|gbp|chf|sek|nok|dkk|jpy|inr|aud|cad)\b|\bfr\.?)")
_FTE_UNIT = re.compile(r"(?i)^\s*(.+?)\s*(?:fte|etp|vz[aä]|vze)\s*$")
#: Full time written in words: one FTE (part time in words says no share: it stays unread, reported).
_FULL_TIME = frozenset({"full time", "fulltime", "vollzeit", "temps plein", "temps complet", "tiempo completo",
                        "jornada completa", "tempo integral", "voltijd"})
_PART_TIME = frozenset({"part time", "parttime", "teilzeit", "temps partiel", "tiempo parcial", "media jornada",
                        "tempo parcial", "meio periodo", "deeltijd"})
_HOURS = re.compile(r"(?i)^\s*(.+?)\s*(?:h|hr|hrs|hour|hours|std|stunden)(?:\s*/\s*(?:w|wk|week))?\s*$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(?:,\d{3})+$")
_THOUSANDS_POINT = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")
_PLAIN = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")

EXCEL_1900_BASE = date(1899, 12, 30)
EXCEL_1904_BASE = date(1904, 1, 1)
MAX_SERIAL = 2_958_465  # 9999-12-31


#: Years no HR date falls in: '01-01-1700', '1900-01-01', '9999-12-31' stand for "no date" in HRIS exports.
PLACEHOLDER_YEARS = (1901, 2200)


def is_placeholder_date(when: object) -> bool:
    """True for a date that stands for none (before 1901 or from 2200 on: '01-01-1700', '9999-12-31')."""
    year = getattr(when, "year", None)
    return year is not None and not PLACEHOLDER_YEARS[0] <= year < PLACEHOLDER_YEARS[1]


def is_blank(value: object) -> bool:
    """True for empty cells and the usual placeholders ('-', 'n/a', …)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in _BLANKS


_INTEGRAL = re.compile(r"^(-?\d+)\.0+$")


def integral_text(text: str) -> str:
    """'102.0' → '102': a whole number a tool wrote as a float (an id column with blanks, saved by pandas)."""
    m = _INTEGRAL.match(text)
    return m.group(1) if m else text


def as_text(value: object) -> str:
    """A cell as the user would read it: 1001.0 → '1001', dates in ISO, text stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_number(value: object, *, decimal_comma: bool = False) -> float:
    """A number from a cell: '1.234,56', '1,234.56', '0,5', "1'000" (raises ValueProblem)."""
    if isinstance(value, bool):
        raise ValueProblem("expected a number, found a yes/no value")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _SPACES.sub("", str(value))
        if not text:
            raise ValueProblem("expected a number, found nothing")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
        elif "," in text:
            text = text.replace(",", "") if (_THOUSANDS_COMMA.match(text) and not decimal_comma) else text.replace(",", ".")
        elif "." in text and decimal_comma and _THOUSANDS_POINT.match(text):
            text = text.replace(".", "")
        if text.startswith("(") and text.endswith(")"):
            text = "-" + text[1:-1]
        if not _PLAIN.match(text):
            raise ValueProblem(f"'{str(value).strip()[:40]}' is not a number")
        number = float(text)
    if math.isnan(number) or math.isinf(number):
        raise ValueProblem("the number is not finite")
    return number


def parse_fte(value: object, *, decimal_comma: bool = False, week_hours: float = 40.0) -> float:
    """FTE from 0.5, '50%', '0,5', 1, 100 or '37.5 h'; negative or above 2.0 (200 %) raises ValueProblem."""
    if isinstance(value, str):
        text = value.strip()
        words = " ".join(text.casefold().replace("-", " ").split())
        if words in _FULL_TIME:
            return 1.0
        if words in _PART_TIME:
            raise ValueProblem(f"'{text}' says part time but not how much: write the share (0.5, 50 %)")
        unit = _FTE_UNIT.match(text)  # '0.8 FTE', '80 % ETP'
        text = unit.group(1) if unit else text
        value = text if unit else value
        hours = _HOURS.match(text)
        if hours:
            return parse_hours(hours.group(1), decimal_comma=decimal_comma, week_hours=week_hours)
        if text.endswith("%"):
            fte = parse_number(text[:-1], decimal_comma=decimal_comma) / 100
            return _check_fte(fte, value)
    number = parse_number(value, decimal_comma=decimal_comma)
    if FTE_HARD_LIMIT < number < 10:
        raise ValueProblem(f"FTE {number:g} is neither a fraction (up to 2) nor a percentage; a data error")
    fte = number if number <= FTE_HARD_LIMIT else number / 100
    return _check_fte(fte, value)


def parse_share(value: object, *, decimal_comma: bool = False, week_hours: float = 40.0) -> float:
    """A share of time on an initiative, like an FTE but 0 allowed (no time on it); negative or over 200 % raise."""
    try:
        return parse_fte(value, decimal_comma=decimal_comma, week_hours=week_hours)
    except ValueProblem:
        text = str(value).strip().rstrip("%").strip()
        try:
            if parse_number(text, decimal_comma=decimal_comma) == 0:
                return 0.0
        except ValueProblem:
            pass
        raise


#: Weeks in a month on average (52 weeks in 12 months): a 40-hour week is 173.3 hours a month.
MONTH_WEEKS = 52 / 12


def parse_hours(value: object, *, decimal_comma: bool = False, week_hours: float = 40.0, per: str = "week") -> float:
    """FTE from weekly hours (37.5 h on a 40 h week → 0.9375); `per="month"`: from hours a month (173.3 h on a
    40 h week, 52 weeks in 12 months → 1.0)."""
    if isinstance(value, str):
        m = _HOURS.match(value)
        if m:
            value = m.group(1)
    hours = parse_number(value, decimal_comma=decimal_comma)
    if hours < 0:
        raise ValueProblem(f"hours a {per} cannot be negative ({hours:g})")
    full = week_hours * MONTH_WEEKS if per == "month" else week_hours
    return _check_fte(hours / full, value, unit=f"{hours:g} h/{per}")


def _check_fte(fte: float, raw: object, *, unit: str | None = None) -> float:
    shown = unit or str(raw).strip()[:20]
    if fte < 0:
        raise ValueProblem(f"FTE cannot be negative ({shown})")
    if fte == 0:
        raise ValueProblem(f"FTE is zero ({shown}); mark the person unavailable instead")
    if fte > FTE_HARD_LIMIT:
        raise ValueProblem(f"FTE {fte:.0%} is over 200 % ({shown}); a data error")
    return round(fte, 6)


def parse_money(value: object, *, decimal_comma: bool = False) -> float:
    """Money from '€95.000,00', '$120,000', '95k', 'EUR 80 000' (negative raises ValueProblem)."""
    if isinstance(value, str):
        text = _CURRENCY.sub("", value).strip()
        scale = 1.0
        if text[-1:].lower() == "k":
            text, scale = text[:-1], 1_000.0
        elif text[-1:].lower() == "m" and not text.lower().endswith("pm"):
            text, scale = text[:-1], 1_000_000.0
        amount = parse_number(text, decimal_comma=decimal_comma) * scale
    else:
        amount = parse_number(value, decimal_comma=decimal_comma)
    if amount < 0:
        raise ValueProblem(f"an amount cannot be negative ({amount:,.2f})")
    return amount


def excel_serial_to_date(serial: float, *, date1904: bool = False) -> date:
    """An Excel date serial in the 1900 or 1904 system (1900's phantom 29 Feb handled)."""
    if serial != serial or serial < 1 or serial > MAX_SERIAL:
        raise ValueProblem(f"{serial:g} is not a date serial Excel can show")
    days = int(serial)
    if date1904:
        return EXCEL_1904_BASE + timedelta(days=days)
    if days == 60:
        raise ValueProblem("serial 60 is 29 Feb 1900, a date that never existed (Excel's leap-year bug)")
    return (EXCEL_1900_BASE + timedelta(days=days)) if days > 60 else (date(1899, 12, 31) + timedelta(days=days))


def date_to_excel_serial(value: date, *, date1904: bool = False) -> int:
    """The Excel serial of a date (inverse of excel_serial_to_date, for dates after 1 Mar 1900)."""
    return (value - (EXCEL_1904_BASE if date1904 else EXCEL_1900_BASE)).days


_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_WORDY = re.compile(r"^(\d{1,2})[ \-]([A-Za-z]{3,9})\.?[ \-,]+(\d{4})$|^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")


def detect_date_order(values: list[object]) -> str | None:
    """'dmy' or 'mdy' when some value in the column settles it (a day above 12), else None."""
    dmy = mdy = 0
    for value in values:
        m = _DMY.match(value.strip()) if isinstance(value, str) else None
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            dmy += a > 12 >= b
            mdy += b > 12 >= a
    if dmy and not mdy:
        return "dmy"
    if mdy and not dmy:
        return "mdy"
    return None


def parse_date(value: object, *, date1904: bool = False, order: str = "auto") -> tuple[date, str | None]:
    """A date and an optional warning (ambiguous day/month) from a cell; raises ValueProblem when impossible."""
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, bool):
        raise ValueProblem("expected a date, found a yes/no value")
    if isinstance(value, int | float):
        return excel_serial_to_date(float(value), date1904=date1904), None
    text = str(value).strip()
    try:
        if m := _ISO.match(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), None
        if m := _DMY.match(text):
            a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year += 2000 if year < 70 else (1900 if year < 100 else 0)
            if a > 12 >= b:
                return date(year, b, a), None
            if b > 12 >= a:
                return date(year, a, b), None
            if a == b:
                return date(year, a, b), None
            chosen = "mdy" if order == "mdy" else "dmy"
            day, month = (b, a) if chosen == "mdy" else (a, b)
            warning = None if order in ("dmy", "mdy") else (
                f"'{text}' could be day/month or month/day; read as {date(year, month, day):%d %b %Y}")
            return date(year, month, day), warning
        if m := _WORDY.match(text):
            day, mon, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
            month = _MONTHS.get(mon[:3].lower())
            if month:
                return date(int(year), month, int(day)), None
        if _PLAIN.match(text.replace(",", ".")):
            return excel_serial_to_date(float(text.replace(",", ".")), date1904=date1904), None
    except ValueError as exc:
        if isinstance(exc, ValueProblem):
            raise
        raise ValueProblem(f"'{text[:40]}' is not a real date ({exc})") from None
    raise ValueProblem(f"'{text[:40]}' is not a date (use 2026-12-31 or 31/12/2026)")


_TRUE = frozenset({"yes", "y", "true", "t", "1", "x", "ja", "oui", "active", "available", "on", "employed",
                   "current", "ok", "✓", "✔", "si", "sí", "sim", "wahr", "vrai", "verdadero", "verdadeiro", "waar",
                   "aktiv", "actif", "activo", "actief", "ativo", "はい", "有"})
_FALSE = frozenset({"no", "n", "false", "f", "0", "nein", "non", "inactive", "unavailable", "off", "on leave",
                    "leave", "leaver", "leaving", "terminated", "left", "excluded", "withdrawn", "parental leave",
                    "sabbatical", "long-term sick", "notice", "notice period", "não", "nao", "nee", "falsch",
                    "faux", "falso", "onwaar", "inaktiv", "inactif", "inactivo", "inactief", "inativo", "いいえ", "無"})


def parse_bool(value: object) -> bool:
    """True/False from yes/no, 1/0, Active/Inactive, 'On leave' …; raises ValueProblem otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValueProblem(f"expected yes/no, found {value:g}")
    text = " ".join(str(value).strip().lower().split())
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"expected yes/no or a status such as Active / On leave, found '{text[:30]}'")


_CONFIRMED = frozenset({"confirmed", "approved", "assigned", "active", "agreed", "committed", "firm", "yes",
                        "allocated", "booked", "staffed", "current"})
_TENTATIVE = frozenset({"tentative", "proposed", "planned", "pencilled", "penciled", "pencilled in", "pending",
                        "soft", "requested", "draft", "maybe", "provisional", "tbc", "to be confirmed"})


def parse_commitment_status(value: object) -> CommitmentStatus:
    """CONFIRMED or TENTATIVE from words such as Approved / Proposed; raises ValueProblem otherwise."""
    text = " ".join(str(value).strip().lower().split())
    if text in _CONFIRMED:
        return CommitmentStatus.CONFIRMED
    if text in _TENTATIVE:
        return CommitmentStatus.TENTATIVE
    raise ValueProblem(f"expected Confirmed or Tentative, found '{text[:30]}'")


#: Employment status words, folded to lower case without accents: a person who left, one who is away, one at work.
_LEFT_WORDS = frozenset({
    "terminated", "termination", "left", "leaver", "resigned", "retired", "deceased", "dismissed", "fired",
    "separated", "former", "exited", "withdrawn", "redundant", "ausgeschieden", "gekundigt", "ausgetreten",
    "parti", "sorti", "demissionnaire", "demission", "licencie", "despedido", "renuncio", "jubilado", "vertrokken",
    "ontslagen", "desligado", "demitido", "aposentado", "退職", "退社", "離職"})
_LEFT_PHRASES = (("laid", "off"), ("uit", "dienst"), ("dado", "de", "baja"), ("no", "longer", "employed"))
_AWAY_WORDS = frozenset({
    "inactive", "leave", "loa", "sabbatical", "suspended", "parental", "maternity", "paternity", "furlough",
    "furloughed", "inaktiv", "beurlaubt", "elternzeit", "ruhend", "inactif", "conge", "suspendu", "inactivo",
    "licencia", "excedencia", "inactief", "verlof", "inativo", "licenca", "afastado", "休職", "休業", "prehire",
    "未入社", "入社前", "入社予定", "vacation", "holiday", "pto", "urlaub", "ferias", "vacaciones", "vacances",
    "vakantie", "sick", "krank", "krankgeschrieben", "maladie", "enfermedad", "doente", "ziek"})
_ACTIVE_WORDS = frozenset({
    "active", "employed", "current", "permanent", "regular", "temporary", "probation", "working", "hired",
    "fulltime", "parttime", "aktiv", "beschaftigt", "actif", "en poste", "activo", "activa", "vigente", "actief",
    "in dienst", "ativo", "ativa", "在籍", "在職", "full", "part", "time", "contract", "contractor", "intern"})


def _status_words(text: str) -> list[str]:
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    return re.findall(r"[^\W_]+", folded)


def employment_state(value: object) -> str:
    """'left', 'away' or 'active' from an employment status ('Voluntarily Terminated' → 'left'); raises otherwise."""
    words = _status_words(as_text(value))
    if not words:
        raise ValueProblem("no status given")
    joined = " ".join(words)
    if "baja" in words:  # Spanish: 'baja' is a leaver, 'baja médica / por maternidad' is leave
        return "away" if set(words) & {"medica", "maternidad", "paternidad", "enfermedad", "temporal"} else "left"
    if any(w in _LEFT_WORDS for w in words) or any(" ".join(p) in joined for p in _LEFT_PHRASES):
        return "left"
    if any(w in _AWAY_WORDS for w in words) or "on leave" in joined:
        return "away"
    if any(w in _ACTIVE_WORDS for w in words) or joined in _ACTIVE_WORDS:
        return "active"
    raise ValueProblem(f"'{as_text(value)[:30]}' is not an employment status Phasegate knows "
                       "(such as Active, On leave, Terminated)")


_LAST_FIRST = re.compile(r"^\s*([^,]+?)\s*,\s*([^,]+?)\s*$")


def is_last_first(value: object) -> bool:
    """True for a name written 'Last, First' ('Adinolfi, Wilson K')."""
    return isinstance(value, str) and bool(_LAST_FIRST.match(value)) and any(c.isalpha() for c in value)


def display_name(value: str) -> str:
    """'Adinolfi, Wilson  K' → 'Wilson K Adinolfi' (spaces tidied); other names unchanged apart from spaces."""
    m = _LAST_FIRST.match(value)
    text = f"{m.group(2)} {m.group(1)}" if m else value
    return " ".join(text.split())
