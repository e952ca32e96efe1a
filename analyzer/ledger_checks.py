"""Checks on a rectification ledger (整改台账): each row must name an owner, a real deadline, and back a
"done" with evidence (study §三(二), 清单管理: 可跟踪、可评价、可问责)."""

import datetime as dt
import re

from analyzer.load import LedgerRow
from analyzer.results import Frozen

DONE = re.compile(r"已完成|已整改|已销号|完成整改|已办结")
OPEN_ENDED = re.compile(r"长期坚持|长期|持续整改|持续推进|常态化")
DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})(?:\s*[月./-]\s*(\d{1,2}))?")


class LedgerFinding(Frozen):
    row: int
    problem: str
    kind: str
    message: str


def check_ledger(rows: list[LedgerRow], today: dt.date | None = None) -> list[LedgerFinding]:
    today = today or dt.date.today()
    findings = []
    for row in rows:
        for kind, message in _row_findings(row.fields, today):
            findings.append(LedgerFinding(row=row.row, problem=row.fields.get("problem", ""), kind=kind, message=message))
    return findings


def _row_findings(fields: dict[str, str], today: dt.date):
    owner = fields.get("owner") or fields.get("leader")
    deadline = fields.get("deadline", "")
    status = fields.get("status", "")
    if not owner:
        yield "no_owner", "未明确责任人"
    if not deadline:
        yield "no_deadline", "未明确完成时限"
    elif OPEN_ENDED.search(deadline):
        yield "open_deadline", f"完成时限为“{deadline}”，无法核查"
    else:
        due = deadline_date(deadline)
        if due and due < today and not DONE.search(status):
            yield "overdue", f"完成时限{deadline}已过，整改状态为“{status or '空'}”"
    if DONE.search(status) and not fields.get("evidence"):
        yield "done_without_evidence", "标注已完成，但未填写佐证材料"


def deadline_date(text: str) -> dt.date | None:
    """The last day a deadline allows: 2024年6月底 → 2024-06-30, 2024年6月15日 → 2024-06-15."""
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12:
        return None
    if day:
        try:
            return dt.date(year, month, int(day))
        except ValueError:
            return None
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
