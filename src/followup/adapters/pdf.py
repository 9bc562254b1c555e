"""PDFs with fpdf2 and bundled Unicode fonts (Siobhán, 王芳 print right): one-page business
letters, and the activity report as a dated table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from followup.domain.notes.facts import Letter

if TYPE_CHECKING:
    from fpdf import FPDF

    from followup.services.reports import ActivityReport

FONTS = Path(__file__).with_name("fonts")
COLUMNS = (("Date", 9), ("Employer", 15), ("Position", 14), ("Contact", 14), ("Title", 12),
           ("Method", 8), ("Activity", 10), ("Result or next step", 18))
"""The report's columns and their shares of the page's width."""


def _document(title: str, author: str, orientation: str = "portrait",
              footer: str | None = None) -> FPDF:
    """An A4 document whose text prints every script: DejaVu Sans, with Droid Sans Fallback
    for what it lacks (Chinese, Japanese, Korean); `footer` and the page number at the foot
    of each page when given."""
    from fpdf import FPDF

    class Paged(FPDF):
        def footer(self) -> None:
            if footer is not None:
                self.set_y(-11)
                self.set_font("DejaVu", size=8)
                self.cell(0, 5, f"{footer} · page {self.page_no()} of {{nb}}", align="C")

    pdf = Paged(orientation=orientation, format="A4")
    pdf.add_font("DejaVu", fname=str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DroidFallback", fname=str(FONTS / "DroidSansFallbackFull.ttf"))
    pdf.set_fallback_fonts(["DroidFallback"])
    pdf.set_title(title)
    pdf.set_author(author)
    return pdf


def _day(value: object) -> str:
    return f"{value:%d %B %Y}".lstrip("0")


def render_letter(letter: Letter, path: str) -> None:
    """Writes `letter` as a one-page A4 PDF: sender, date, recipient, body, signature space."""
    pdf = _document(f"Letter to {letter.recipient_name or letter.company}", letter.sender_name)
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    line = 6.0
    pdf.multi_cell(0, line, f"{letter.sender_name}\n{letter.sender_email}", align="R")
    pdf.ln(line)
    pdf.multi_cell(0, line, _day(letter.day), align="R")
    pdf.ln(line)
    recipient = [x for x in (letter.recipient_name, letter.recipient_title, letter.company) if x]
    pdf.multi_cell(0, line, "\n".join(recipient))
    pdf.ln(line * 2)
    lines = letter.body.rstrip().splitlines()
    signed = bool(lines) and lines[-1].strip() == letter.sender_name
    text, signature = ("\n".join(lines[:-1]).rstrip(), lines[-1]) if signed else (
        letter.body.rstrip(), letter.sender_name)
    pdf.multi_cell(0, line, text)
    pdf.ln(line * 3)  # room to sign by hand
    pdf.multi_cell(0, line, signature)
    pdf.output(path)


def render_activity(report: ActivityReport) -> bytes:
    """The report on landscape A4 pages: who searched and for which period, then a table of
    every contact (its headings repeated on each page), the count, and room to sign."""
    from fpdf.enums import TableCellFillMode
    from fpdf.fonts import FontFace

    period = f"{_day(report.start)} to {_day(report.end)}"
    pdf = _document(f"Job search activity of {report.name}, {period}", report.name,
                    orientation="landscape",
                    footer=f"Job search activity of {report.name}, {period}")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("DejaVu", size=15)
    pdf.multi_cell(0, 8, "Job search activity", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(0, 5.5, f"{report.name} <{report.email}>\n"
                           f"From {_day(report.start)} to {_day(report.end)}\n"
                           f"Made on {_day(report.made)}, {report.made:%H:%M}",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=8.5)
    if report.rows:
        with pdf.table(col_widths=tuple(w for _, w in COLUMNS), text_align="LEFT",
                       v_align="TOP", line_height=4.5, padding=1.2,
                       headings_style=FontFace(emphasis="", fill_color=(225, 230, 238)),
                       cell_fill_color=(246, 247, 249), cell_fill_mode=TableCellFillMode.ROWS,
                       repeat_headings=1) as table:
            table.row([name for name, _ in COLUMNS])
            for r in report.rows:
                table.row([f"{r.day:%Y-%m-%d}", r.employer, r.position, r.contact, r.title,
                           str(r.method), str(r.activity), r.result])
    else:
        pdf.multi_cell(0, 6, "No contact with an employer was recorded in this period.",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=10)
    count = len(report.rows)
    pdf.multi_cell(0, 6, f"{count} contact{'' if count == 1 else 's'} with employers.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.multi_cell(0, 6, "Signature: ______________________________      "
                         "Date: ____________________")
    return bytes(pdf.output())
