"""One-page business letters with fpdf2 and bundled Unicode fonts (Siobhán, 王芳 print right)."""

from __future__ import annotations

from pathlib import Path

from followup.domain.notes.facts import Letter

FONTS = Path(__file__).with_name("fonts")


def render_letter(letter: Letter, path: str) -> None:
    """Writes `letter` as a one-page A4 PDF: sender, date, recipient, body, signature space."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("DejaVu", fname=str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DroidFallback", fname=str(FONTS / "DroidSansFallbackFull.ttf"))
    pdf.set_fallback_fonts(["DroidFallback"])
    pdf.set_title(f"Letter to {letter.recipient_name or letter.company}")
    pdf.set_author(letter.sender_name)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    line = 6.0
    pdf.multi_cell(0, line, f"{letter.sender_name}\n{letter.sender_email}", align="R")
    pdf.ln(line)
    pdf.multi_cell(0, line, f"{letter.day:%d %B %Y}".lstrip("0"), align="R")
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
