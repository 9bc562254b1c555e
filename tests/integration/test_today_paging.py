"""The API's Today in pages (`limit`, `cursor`): the pages make the full list, a step done or
time passing between pages shifts nothing, and a cursor the list did not give is a 422."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from typing import Any

import pytest

from followup.services import cursor
from followup.services import interviews as iv
from tests.web_client import NOW, Web, web_user_fixture  # noqa: F401  (fixture)

TODAY = "/api/v1/today"
HOURS_AGO = (2, 3, 3, 20, 26, 26, 30, 45, 50, 70, 72, 100, 150, 200, 300, 400, 500)
"""Interviews held this long before NOW: two thank-yous each (one per interviewer, at the same
times) and some inquiries, overdue, past target and due; equal times break ties by id."""


@pytest.fixture
def steps(web_user: Web) -> list[dict[str, Any]]:
    """Today's full list on a home with 38 open steps in all three sections."""
    now = datetime.fromisoformat(NOW)
    for n, hours in enumerate(HOURS_AGO):
        iv.add_interview(web_user.deps, iv.InterviewForm(
            company=f"Company {n}", position="Analyst",
            at=(now - timedelta(hours=hours)).isoformat(timespec="minutes"), duration=45,
            interviewers=[iv.PersonIn("José Núñez", f"jose{n}@co{n}.example"),
                          iv.PersonIn("Ann Lee", f"ann{n}@co{n}.example")]))
    full = ok(web_user.get(TODAY))
    assert "next_cursor" not in full
    found: list[dict[str, Any]] = full["actions"]
    assert len(found) == 38
    assert {(a["overdue"], a["past_target"]) for a in found} == {
        (True, False), (False, True), (False, False)}
    return found


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def ids(actions: list[dict[str, Any]]) -> list[int]:
    return [a["id"] for a in actions]


def pages(web: Web, limit: int, first: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every page from the first (or after `first`) to the one whose next_cursor is null."""
    found = [first] if first else [ok(web.get(TODAY, params={"limit": limit}))]
    while found[-1]["next_cursor"] is not None:
        assert len(found) < 100, "the pages never end"
        found.append(ok(web.get(TODAY, params={"limit": limit,
                                               "cursor": found[-1]["next_cursor"]})))
    return found


def refused(response: Any, field: str) -> str:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["type"] == "InvalidInput" and error["field"] == field, error
    return str(error["message"])


@pytest.mark.parametrize("limit", [1, 5, 37, 38, 500])
def test_the_pages_make_todays_full_list_in_its_order(web_user: Web,
                                                      steps: list[dict[str, Any]],
                                                      limit: int) -> None:
    full = ok(web_user.get(TODAY))

    found = pages(web_user, limit)

    assert [a for page in found for a in page["actions"]] == steps
    assert all(len(page["actions"]) == limit for page in found[:-1])
    assert 0 < len(found[-1]["actions"]) <= limit
    assert len(found) == -(-len(steps) // limit)
    for page in found:
        assert {k: v for k, v in page.items() if k not in ("actions", "next_cursor")} == {
            k: v for k, v in full.items() if k != "actions"}


def test_a_step_done_between_pages_is_neither_repeated_nor_skips_another(
        web_user: Web, steps: list[dict[str, Any]]) -> None:
    first = ok(web_user.get(TODAY, params={"limit": 10}))
    shown = ids(first["actions"])
    # One shown step, the last one shown (the cursor's own) and one not shown yet are done.
    done = [shown[3], shown[-1], ids(steps)[12]]
    for step in done:
        assert web_user.api("POST", f"/api/v1/actions/{step}/done").status_code == 200
    still_open = ids(ok(web_user.get(TODAY))["actions"])
    assert set(still_open) == set(ids(steps)) - set(done)

    rest = [a for page in pages(web_user, 10, first)[1:] for a in page["actions"]]

    assert ids(rest) == [i for i in ids(steps)[10:] if i not in done]
    assert ids(rest) == [i for i in still_open if i not in shown]


def test_pages_read_after_the_clock_moved_keep_the_first_pages_order(
        web_user: Web, steps: list[dict[str, Any]]) -> None:
    first = ok(web_user.get(TODAY, params={"limit": 8}))
    later = datetime.fromisoformat(NOW) + timedelta(hours=20)
    web_user.deps.clock = lambda: later
    reordered = ok(web_user.get(TODAY))["actions"]
    assert ids(reordered) != ids(steps)  # steps changed sections: an offset would shift

    found = pages(web_user, 8, first)

    assert ids([a for page in found for a in page["actions"]]) == ids(steps)
    # Each step is said as of now, though listed in the first page's order.
    assert found[1]["now"] != first["now"]
    assert {a["id"]: a["when"] for a in found[1]["actions"]} == {
        a["id"]: a["when"] for a in reordered if a["id"] in ids(found[1]["actions"])}


def test_a_cursor_the_list_did_not_give_is_refused_in_words(
        web_user: Web, steps: list[dict[str, Any]]) -> None:
    real = ok(web_user.get(TODAY, params={"limit": 5}))["next_cursor"]
    flipped = real[:10] + ("A" if real[10] != "A" else "B") + real[11:]
    now = datetime.fromisoformat(NOW)
    key = (2, now, now, 1)
    body = cursor._LAYOUT.pack(1, 0, 9, 0, 0, 1)  # rank 9, with a right checksum
    forged = base64.urlsafe_b64encode(body + cursor._tag(body)).decode()
    hostile = ["", "x", "!!!!", "AAAA", "€uro", "%00", real[:-3], real + "AAAA", flipped,
               real.upper(), base64.urlsafe_b64encode(b"\0" * 38).decode(), forged,
               cursor.write(cursor.Position(now + timedelta(hours=1), key)),
               "A" * 5000]

    for text in hostile:
        message = refused(web_user.get(TODAY, params={"limit": 5, "cursor": text}), "cursor")
        assert "cursor" in message, (text, message)
    stale = cursor.write(cursor.Position(now - timedelta(days=2), key))
    assert "day old" in refused(web_user.get(TODAY, params={"limit": 5, "cursor": stale}),
                                "cursor")
    assert "limit" in refused(web_user.get(TODAY, params={"cursor": real}), "limit")
    for limit in ("0", "501", "-1", "ten", "1e3"):
        refused(web_user.get(TODAY, params={"limit": limit}), "limit")
    assert ok(web_user.get(TODAY, params={"limit": 5, "cursor": real}))["actions"]


def test_a_cursor_reads_back_the_position_it_was_written_from() -> None:
    at = datetime.fromisoformat("2026-11-25T09:00:00.123456+00:00")
    position = cursor.Position(at, (1, at + timedelta(days=1), at - timedelta(hours=3),
                                    2**31 - 1))

    text = cursor.write(position)

    assert cursor.read(text, at) == position
    assert text.isascii() and "=" not in text and "+" not in text and "/" not in text
