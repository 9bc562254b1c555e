"""A set of business-card photos made from known text: cards drawn with several fonts and
layouts (accented and Chinese names among them), then photographed by hand, as it were: on a
table, turned up to 15°, seen at an angle, blurred, unevenly lit, saved as noisy JPEGs.

    .venv/bin/python benchmarks/cards/render.py OUT_DIR [COUNT]

writes OUT_DIR/card-NN.jpg and OUT_DIR/truth.json (each card's name, title, organisation,
email and phone in E.164)."""

from __future__ import annotations

import io
import json
import math
import random
import sys
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "src" / "followup" / "adapters" / "fonts"
SYSTEM = Path("/usr/share/fonts/truetype")
LATIN_FONTS = [BUNDLED / "DejaVuSans.ttf", SYSTEM / "dejavu" / "DejaVuSerif.ttf",
               SYSTEM / "dejavu" / "DejaVuSansCondensed.ttf",
               SYSTEM / "liberation" / "LiberationSans-Regular.ttf",
               SYSTEM / "liberation" / "LiberationSerif-Regular.ttf"]
CJK_FONT = BUNDLED / "DroidSansFallbackFull.ttf"
SEED = 12

PEOPLE = [
    ("Siobhán Ó Briain", "siobhan.obriain"), ("José García", "jose.garcia"),
    ("Zoë Müller", "zoe.muller"), ("François Lefèvre", "francois.lefevre"),
    ("Ana María Núñez", "ana.nunez"), ("Søren Kierkegård", "soren.k"),
    ("Łukasz Wróblewski", "lukasz.wroblewski"), ("Ingrid Bjørnstad", "ingrid.bjornstad"),
    ("Aoife Ní Bhriain", "aoife.nibhriain"), ("Renée Dubois", "renee.dubois"),
    ("Mateo Pérez", "mateo.perez"), ("Chloé Martin", "chloe.martin"),
    ("Jürgen Schäfer", "juergen.schaefer"), ("Inês Conceição", "ines.conceicao"),
    ("Ann Lee", "ann.lee"), ("Michael O'Connor", "michael.oconnor"),
    ("Priya Raghunathan", "priya.r"), ("David Smith", "dsmith"),
    ("Sarah Johnson", "sarah.johnson"), ("Tomás Ó Sé", "tomas.ose"),
    ("Emily Chen", "emily.chen"), ("Oluwaseun Adeyemi", "seun.adeyemi"),
    ("Kateřina Nováková", "katerina.novakova"), ("Björn Andersson", "bjorn.andersson"),
    ("Ciarán Mac Giolla", "ciaran.macgiolla"), ("Hélène Rousseau", "helene.rousseau"),
    ("Marco Rossi", "marco.rossi"), ("Lucía Fernández", "lucia.fernandez"),
    ("Niamh Kelly", "niamh.kelly"), ("Thomas Becker", "thomas.becker"),
    ("Grace Okafor", "grace.okafor"), ("Étienne Girard", "etienne.girard"),
    ("王芳", "wang.fang"), ("李娜", "li.na"), ("张伟", "zhang.wei"), ("陈静", "chen.jing"),
    ("Yuki Tanaka", "yuki.tanaka"), ("Agnès Varda", "agnes.varda"),
    ("Daniel Kowalski", "daniel.kowalski"), ("Maëlle Le Goff", "maelle.legoff"),
    ("Rónán Ó Dónaill", "ronan.odonaill"), ("Laura Schmidt", "laura.schmidt"),
    ("Patrick Byrne", "patrick.byrne"), ("Mia Hoffmann", "mia.hoffmann"),
]
TITLES = ["Senior Talent Partner", "Engineering Manager", "Head of Product", "Recruiter",
          "Director of Engineering", "Software Engineer", "HR Business Partner",
          "Technical Recruiter", "Chief Technology Officer", "Product Designer",
          "Talent Acquisition Lead", "Data Scientist", "Operations Manager", "VP of Sales"]
ORGS = [("Acme Widgets Ltd", "acmewidgets.ie"), ("Northwind Technologies", "northwind.com"),
        ("Blue Harbour Labs", "blueharbour.io"), ("Grünwald GmbH", "gruenwald.de"),
        ("Contoso Systems", "contoso.com"), ("Fabrikam Inc.", "fabrikam.com"),
        ("Lumen Software", "lumensoftware.eu"), ("Orchard Bank plc", "orchardbank.co.uk"),
        ("Solaria Group", "solaria.es"), ("Kestrel Analytics", "kestrel.ai"),
        ("Nordlys Consulting", "nordlys.no"), ("Atelier Lumière SA", "atelier-lumiere.fr")]
COUNTRIES = [("IE", "+353 1 {a} {b}", "01 {a} {b}"), ("GB", "+44 20 {a} {b}", None),
             ("US", "+1 415 {a3}-{b}", None), ("DE", "+49 30 {a} {b}", None),
             ("FR", "+33 1 {p} {p} {p} {p}", None), ("ES", "+34 91 {a3} {p} {p}", None),
             ("CN", "+86 10 {b} {b}", None), ("IE", "+353 87 {a3} {b}", "087 {a3} {b}")]
LABELS = ["", "T ", "Tel: ", "Phone: ", "M: ", "Mobile "]


@dataclass
class Truth:
    file: str
    name: str
    title: str
    organisation: str
    email: str
    phone: str
    printed_phone: str
    font: str
    layout: str


def _phone(rng: random.Random) -> tuple[str, str, str]:
    """A phone number as printed, with its country and its E.164 form."""
    import phonenumbers

    country, international, domestic = rng.choice(COUNTRIES)
    parts = {"a": str(rng.randint(200, 999)), "a3": str(rng.randint(200, 999)),
             "b": str(rng.randint(1000, 9999)), "p": f"{rng.randint(10, 99)}"}
    text = (domestic if domestic and rng.random() < 0.5 else international).format(**parts)
    number = phonenumbers.parse(text, "IE")
    return text, country, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path if path.exists() else BUNDLED / "DejaVuSans.ttf"), size)


def draw_card(truth: Truth, rng: random.Random, font: Path, layout: str) -> Image.Image:
    """The card itself, flat, 1050 × 600 (3.5 × 2 in at 300 dpi)."""
    tone = rng.choice([(255, 255, 255), (250, 248, 240), (240, 244, 250), (255, 252, 235)])
    ink = rng.choice([(20, 20, 20), (30, 40, 90), (60, 30, 30)])
    card = Image.new("RGB", (1050, 600), tone)
    draw = ImageDraw.Draw(card)
    chinese = any(ord(c) > 0x2E80 for c in truth.name)
    name_font = _font(CJK_FONT if chinese else font, rng.randint(52, 64))
    body = _font(font, rng.randint(30, 34))
    small = _font(font, rng.randint(26, 30))
    label = rng.choice(LABELS)
    lines = [(truth.name, name_font), (truth.title, body), (truth.organisation, body),
             (truth.email, small), (label + truth.printed_phone, small)]
    if layout == "left":
        y = 70
        for i, (text, f) in enumerate(lines):
            draw.text((70, y), text, font=f, fill=ink)
            y += 90 if i == 0 else (130 if i == 2 else 55)
    elif layout == "centred":
        y = 80
        for i, (text, f) in enumerate(lines):
            width = draw.textlength(text, font=f)
            draw.text(((1050 - width) / 2, y), text, font=f, fill=ink)
            y += 95 if i == 0 else (120 if i == 2 else 58)
    elif layout == "company-top":
        org_font = _font(font, 44)
        draw.text((70, 60), truth.organisation, font=org_font, fill=(150, 30, 30))
        draw.line((70, 130, 980, 130), fill=(150, 30, 30), width=4)
        draw.text((70, 200), truth.name, font=name_font, fill=ink)
        draw.text((70, 290), truth.title, font=body, fill=ink)
        draw.text((70, 420), truth.email, font=small, fill=ink)
        draw.text((70, 470), label + truth.printed_phone, font=small, fill=ink)
    else:  # two columns
        draw.text((60, 90), truth.name, font=name_font, fill=ink)
        draw.text((60, 180), truth.title, font=body, fill=ink)
        draw.text((60, 470), truth.organisation, font=body, fill=ink)
        draw.line((560, 300, 560, 540), fill=ink, width=2)
        draw.text((590, 360), truth.email, font=_font(font, 24), fill=ink)
        draw.text((590, 420), label + truth.printed_phone, font=_font(font, 24), fill=ink)
    return card


def _table(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A wooden (or dark) table top: streaks and grain."""
    w, h = size
    base = np.array(rng.choice([(120, 80, 50), (90, 60, 40), (60, 60, 65), (150, 120, 90)]),
                    dtype=float)
    y = np.linspace(0, 1, h)[:, None]
    grain = np.sin(y * rng.uniform(40, 90) + np.linspace(0, 3, w)[None, :]) * 12
    noise = np.random.default_rng(rng.randint(0, 10**6)).normal(0, 6, (h, w))
    pixels = base[None, None, :] + (grain + noise)[:, :, None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype("uint8"))


def photograph(card: Image.Image, rng: random.Random) -> bytes:
    """The card as a phone photographs it on a table."""
    import cv2

    w, h = 1600, 1200
    photo = np.asarray(_table(rng, (w, h))).copy()
    scale = rng.uniform(0.95, 1.25)
    cw, ch = card.size[0] * scale, card.size[1] * scale
    angle = math.radians(rng.uniform(-15, 15))
    cx, cy = w / 2 + rng.uniform(-80, 80), h / 2 + rng.uniform(-60, 60)
    corners = []
    for dx, dy in ((-cw / 2, -ch / 2), (cw / 2, -ch / 2), (cw / 2, ch / 2), (-cw / 2, ch / 2)):
        x = cx + dx * math.cos(angle) - dy * math.sin(angle)
        y = cy + dx * math.sin(angle) + dy * math.cos(angle)
        corners.append((x + rng.uniform(-40, 40), y + rng.uniform(-30, 30)))  # the angle seen
    source = np.array([(0, 0), (card.size[0], 0), card.size, (0, card.size[1])],
                      dtype="float32")
    matrix = cv2.getPerspectiveTransform(source, np.array(corners, dtype="float32"))
    flat = np.asarray(card)
    warped = cv2.warpPerspective(flat, matrix, (w, h))
    mask = cv2.warpPerspective(np.full(flat.shape[:2], 255, np.uint8), matrix, (w, h))
    photo[mask > 0] = warped[mask > 0]
    # uneven light: brighter on one side, a soft shadow on the other
    gx = np.linspace(rng.uniform(0.65, 0.85), rng.uniform(1.0, 1.1), w)[None, :]
    gy = np.linspace(rng.uniform(0.85, 1.05), rng.uniform(0.8, 1.0), h)[:, None]
    light = gx * gy if rng.random() < 0.5 else (gx * gy)[:, ::-1]
    lit = np.clip(photo * light[:, :, None], 0, 255)
    lit += np.random.default_rng(rng.randint(0, 10**6)).normal(0, 4, lit.shape)
    image = Image.fromarray(np.clip(lit, 0, 255).astype("uint8"))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.4)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=rng.randint(45, 80))
    return out.getvalue()


def cards(count: int = len(PEOPLE), seed: int = SEED) -> list[tuple[Truth, bytes]]:
    """`count` card photos (JPEG) with what each says."""
    rng = random.Random(seed)
    made = []
    layouts = ["left", "centred", "company-top", "columns"]
    for i in range(count):
        name, local = PEOPLE[i % len(PEOPLE)]
        org, domain = ORGS[i % len(ORGS)]
        printed, _, e164 = _phone(rng)
        font = LATIN_FONTS[i % len(LATIN_FONTS)]
        layout = layouts[i % len(layouts)]
        truth = Truth(f"card-{i + 1:02d}.jpg", unicodedata.normalize("NFC", name),
                      TITLES[i % len(TITLES)], org, f"{local}@{domain}", e164, printed,
                      font.name, layout)
        made.append((truth, photograph(draw_card(truth, rng, font, layout), rng)))
    return made


def write(folder: Path, count: int = len(PEOPLE)) -> list[Truth]:
    folder.mkdir(parents=True, exist_ok=True)
    truths = []
    for truth, photo in cards(count):
        (folder / truth.file).write_bytes(photo)
        truths.append(truth)
    (folder / "truth.json").write_text(json.dumps([asdict(t) for t in truths], indent=1,
                                                  ensure_ascii=False), encoding="utf-8")
    return truths


if __name__ == "__main__":
    write(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else len(PEOPLE))
