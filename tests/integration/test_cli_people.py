"""People from vCards and signatures, and merging two records of one person, from the CLI,
on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Cli

CARDS = Path(__file__).parent.parent / "unit" / "vcards"
NOW = "2026-11-24T12:00:00+00:00"


def interview(cli: Cli, *people: str, company: str = "Acme Ltd") -> dict[str, Any]:
    args = ["interview", "add", "--company", company, "--position", "Data Analyst",
            "--at", "2026-11-24T10:00"]
    for person in people:
        args += ["--interviewer", person]
    return cli.json(*args, FOLLOWUP_NOW=NOW)


def contacts(cli: Cli) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = cli.json("contact", "list")
    return result


def test_a_vcard_updates_the_person_known_by_email_and_adds_the_others(user: Cli) -> None:
    app = interview(user, "Jose Nunez <jose.nunez@acme.example>")["application"]["id"]

    first = user.json("contact", "import", str(CARDS / "apple.vcf"), "--application", str(app),
                      FOLLOWUP_NOW=NOW)
    again = user.json("contact", "import", str(CARDS / "apple.vcf"), "--application", str(app),
                      FOLLOWUP_NOW=NOW)

    assert [c["name"] for c in first["updated"]] == ["José Núñez"]  # spelled as on the card
    assert [c["name"] for c in first["added"]] == ["王芳"]
    jose = first["updated"][0]
    assert jose["emails"] == ["jose.nunez@acme.example", "jnunez@acme.example"]
    assert jose["phones"] == ["+353871234567", "+35315550100"]  # read in Ireland (IE)
    assert jose["phones_shown"] == ["087 123 4567", "(01) 555 0100"]
    assert jose["from_card"] is True and jose["source"] == "vcard"
    assert again["added"] == [] and len(again["updated"]) == 2  # not doubled
    assert len(contacts(user)) == 2
    listed = user("contact", "list").stdout
    assert "José Núñez (interviewer, from the card)" in listed and "087 123 4567" in listed


def test_without_an_application_people_go_to_their_companys_or_are_left_out(
        user: Cli) -> None:
    interview(user, "Somebody <somebody@olafsson.example>", company="Olafsson & Co.")

    result = user.json("contact", "import", str(CARDS / "google.vcf"), FOLLOWUP_NOW=NOW)

    assert [c["name"] for c in result["added"]] == ["Siobhán Ní Bhriain"]
    assert result["skipped"] == [{"name": "Liam O'Connor",
                                  "reason": "no application at Contoso: give the application"}]


def test_every_producers_file_imports_and_exports_as_vcard_3(user: Cli, tmp_path: Path) -> None:
    app = str(interview(user)["application"]["id"])
    for name in ("apple.vcf", "google.vcf", "outlook.vcf", "rfc6350.vcf"):
        assert user("contact", "import", str(CARDS / name), "--application", app,
                    FOLLOWUP_NOW=NOW).exit_code == 0
    assert len(contacts(user)) == 8
    nameonly = tmp_path / "no-email.vcf"
    nameonly.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Róisín Walsh\r\nEND:VCARD\r\n",
                        encoding="utf-8")
    for _ in range(2):  # known by her name when there is no address to know her by
        user.json("contact", "import", str(nameonly), "--application", app, FOLLOWUP_NOW=NOW)
    assert len(contacts(user)) == 9

    out = tmp_path / "people.vcf"
    assert user("contact", "export", "--vcard", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 9 and "FN:Pádraig Ó Briain" in text
    assert "N:Ó Briain;Pádraig;;;" in text  # the family name with its particle
    assert user("contact", "export").exit_code == 2  # the format must be named


def test_a_bad_file_is_a_clear_error_and_nothing_of_it_is_saved(user: Cli,
                                                                tmp_path: Path) -> None:
    app = str(interview(user)["application"]["id"])
    good = (CARDS / "google.vcf").read_bytes()
    bad = tmp_path / "half.vcf"
    bad.write_bytes(good + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEMAIL:nope\r\nEND:VCARD\r\n")

    result = user("contact", "import", str(bad), "--application", app)

    assert result.exit_code == 4
    assert "'nope' is not an email address" in result.stderr
    assert len(contacts(user)) == 0  # the good people before it are not saved either


def test_a_signature_is_only_proposed_until_saved_with_yes(user: Cli) -> None:
    app = str(interview(user)["application"]["id"])
    signature = ("Dear Siobhán,\nthank you.\n\nKind regards,\nAoife Ní Bhriain\n"
                 "Talent Partner | Acme Ltd\nT: 01 555 0109\naoife@acme.example\n")

    proposed = user.json("contact", "parse", "--application", app, input=signature)
    assert contacts(user) == []
    saved = user.json("contact", "parse", "--application", app, "--yes", input=signature,
                      FOLLOWUP_NOW=NOW)
    shown = user("contact", "parse", input=signature).stdout

    assert (proposed["name"], proposed["title"], proposed["organisation"]) == (
        "Aoife Ní Bhriain", "Talent Partner", "Acme Ltd")
    assert proposed["phones"] == ["+35315550109"] and proposed["known"] is None
    assert saved["added"] is True and saved["contact"]["confirmed"] is True
    assert saved["contact"]["source"] == "email" and saved["contact"]["from_card"] is False
    assert "Phone:   (01) 555 0109" in shown and "saving updates it" in shown
    assert user("contact", "parse", "--yes", input=signature).exit_code == 2


def test_merging_moves_interviews_and_steps_to_the_kept_contact(user: Cli) -> None:
    doc = interview(user, "José Núñez <jose@acme.example>", "Jose Nunez <jn@acme.example>")
    app = doc["application"]["id"]
    ids = {c["name"]: c["id"] for c in contacts(user)}
    keep, other = ids["José Núñez"], ids["Jose Nunez"]
    assert user("contact", "edit", str(keep), "--confirmed").exit_code == 0

    found = user.json("contact", "duplicates")
    merged = user.json("contact", "merge", str(keep), str(other), FOLLOWUP_NOW=NOW)

    assert [(d["keep"]["id"], d["other"]["id"], d["alike"]) for d in found] == [
        (keep, other, "name")]
    assert merged["merged_id"] == other
    assert merged["contact"]["emails"] == ["jose@acme.example", "jn@acme.example"]
    plan = user.json("plan", str(app), FOLLOWUP_NOW=NOW)
    assert [c["id"] for c in plan["contacts"]] == [keep]
    assert [p["contact_id"] for p in plan["interviews"][0]["participants"]] == [keep]
    thanks = [a for a in plan["actions"] if a["kind"] == "thank_you"
              and a["status"] == "planned"]
    assert [a["contact"]["id"] for a in thanks] == [keep]  # one note, not two
    assert user.json("contact", "duplicates") == []
    assert user("contact", "merge", str(keep), str(keep)).exit_code == 4
    assert user("contact", "merge", str(keep), str(other)).exit_code == 3  # gone
