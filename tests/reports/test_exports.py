"""Exports and imports: JSON round trip, refusal of damaged files, CSV long form, XLSX views,
and the download links of the results page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook
from tests.reports.test_report import PARTIES, respond, seed_collaboration
from tests.web.conftest import INSTRUMENT

from grondvorm.forms import FormId
from grondvorm.reports.tables import ANSWER_COLUMNS, csv_text, xlsx_bytes
from grondvorm.web import store, transfer
from grondvorm.web.models import AgreementCheck, Answer, Collaboration, Party, Respondent

pytestmark = pytest.mark.django_db

STATEMENTS = len(INSTRUMENT.statements)
RESPONDENTS = sum(count for _, _, count in PARTIES.values())
MODELS = (Collaboration, Party, Respondent, Answer, AgreementCheck)


@pytest.fixture
def owner(facilitator):
    return facilitator


@pytest.fixture
def other(other_facilitator):
    return other_facilitator


@pytest.fixture
def seeded(owner):
    collaboration = seed_collaboration(owner)
    busy = store.start_respondent(party=collaboration.parties.get(name="Gemeente"))
    store.save_answers(busy, {"A1": (4, 5), "A2": (None, 2)})  # still busy: not submitted
    return collaboration


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def keys_of(data) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {key for value in data.values() for key in keys_of(value)}
    if isinstance(data, list):
        return {key for value in data for key in keys_of(value)}
    return set()


# ----------------------------------------------------------------------------- JSON


def test_json_round_trip_gives_identical_data_and_results(seeded, other):
    exported = transfer.export_json(seeded)

    copy = transfer.import_json(exported, owner=other)

    assert copy.pk != seeded.pk and copy.owner == other
    assert transfer.export_json(copy) == exported
    for language in ("nl", "en"):
        assert store.results(copy, language).to_dict() == store.results(seeded, language).to_dict()
    original = {p.name: p.invitation_token for p in seeded.parties.all()}
    assert all(original[p.name] != p.invitation_token for p in copy.parties.all())
    assert copy.share_token is None


def test_json_export_holds_everything_but_ids_tokens_and_emails(seeded):
    store.enable_sharing(seeded, True)
    seeded.refresh_from_db()
    text = transfer.export_json(seeded)
    data = json.loads(text)

    assert (data["format"], data["version"]) == ("grondvorm-collaboration", 1)
    assert data["name"] == "Regio Zorg" and data["min_respondents"] == 2
    assert [p["name"] for p in data["parties"]] == list(PARTIES)
    gemeente = data["parties"][0]["respondents"]
    assert len(gemeente) == 3 and gemeente[-1]["submitted_at"] is None
    assert gemeente[-1]["answers"] == {
        "A1": {"now": 4, "desired": 5},
        "A2": {"now": None, "desired": 2},
    }
    assert len(gemeente[0]["answers"]) == STATEMENTS
    assert [(a["form"], a["done"]) for a in data["agreements"]] == [
        (c.form, True) for c in seeded.agreement_checks.order_by("form", "item")
    ]
    assert keys_of(data) - set(INSTRUMENT.statement_ids) == {
        *("format", "version", "name", "description", "min_respondents", "created_at"),
        *("parties", "revoked", "expires_at", "respondents", "language", "instrument", "id"),
        *("updated_at", "submitted_at", "answers", "now", "desired"),
        *("agreements", "form", "item", "done", "note"),
    }  # "id" only as the instrument's id: no database ids
    assert "anna@example.org" not in text and seeded.share_token not in text
    for party in seeded.parties.all():
        assert party.invitation_token not in text
        for respondent in party.respondents.all():
            assert respondent.resume_token not in text


def damaged_files(exported: str) -> dict[str, tuple[str, str]]:
    """name -> (file text, what the message must say)."""

    def changed(edit) -> str:
        data = json.loads(exported)
        edit(data)
        return json.dumps(data)

    def set_answer(data, value):
        data["parties"][0]["respondents"][0]["answers"]["A1"]["now"] = value

    def unknown_statement(data):
        data["parties"][1]["respondents"][0]["answers"]["Z9"] = {"now": 3, "desired": 3}

    return {
        "truncated": (exported[: len(exported) // 2], "is not valid JSON"),
        "foreign format": (
            changed(lambda d: d.update(format="something-else")),
            '"format" is "something-else", expected "grondvorm-collaboration"',
        ),
        "newer version": (changed(lambda d: d.update(version=2)), "Unknown version 2"),
        "unknown statement": (
            changed(unknown_statement),
            "At parties[1].respondents[0].answers: statement Z9 does not exist",
        ),
        "value 7": (
            changed(lambda d: set_answer(d, 7)),
            "At parties[0].respondents[0].answers: statement A1 (now): 7 is outside the scale",
        ),
        "missing field": (
            changed(lambda d: d["parties"][2].pop("revoked")),
            "At parties[2].revoked: this field is missing.",
        ),
        "unknown instrument version": (
            changed(lambda d: d["parties"][0]["respondents"][1]["instrument"].update(version="9")),
            "unknown questionnaire grondvorm-scan 9",
        ),
        "not an object": ("[1, 2, 3]", "does not contain a JSON object"),
    }


def test_import_refuses_a_damaged_or_foreign_file_and_changes_nothing(seeded, other):
    exported = transfer.export_json(seeded)
    before = row_counts()

    for name, (text, expected) in damaged_files(exported).items():
        with pytest.raises(transfer.TransferError) as refused:
            transfer.import_json(text, owner=other)
        message = refused.value.message("en")
        assert message.startswith("This file cannot be imported; nothing has been changed."), name
        assert expected in message, name
        assert row_counts() == before, name


def test_import_messages_exist_in_dutch(seeded, other):
    with pytest.raises(transfer.TransferError) as refused:
        transfer.import_json('{"format": "grondvorm-collaboration"', owner=other)

    assert refused.value.message("nl").startswith("Dit bestand kan niet worden ingelezen")


def test_import_that_fails_while_writing_leaves_no_trace(seeded, other, monkeypatch):
    exported = transfer.export_json(seeded)
    before = row_counts()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AgreementCheck.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        transfer.import_json(exported, owner=other)

    assert row_counts() == before


# ----------------------------------------------------------------------------- CSV and XLSX


def test_csv_has_one_row_per_respondent_and_statement(seeded):
    rows = list(csv.reader(io.StringIO(csv_text(seeded, "en"))))
    respondents = RESPONDENTS + 1  # the one still busy counts too

    assert tuple(rows[0]) == ANSWER_COLUMNS
    assert len(rows) == 1 + respondents * STATEMENTS
    assert [row[2] for row in rows[1::STATEMENTS]] == [f"R{n:03d}" for n in range(1, 12)]
    first = rows[1]
    assert first[:6] == ["Regio Zorg", "Gemeente", "R001", "yes", "A1", "ambition"]
    assert first[6] == INSTRUMENT.statement("A1").texts["en"]
    busy = [row for row in rows[1:] if row[2] == "R003"]
    assert busy[0][3] == "no" and busy[0][7:] == ["4", "5"] and busy[1][7:] == ["", "2"]
    assert busy[2][7:] == ["", ""]


def test_csv_and_xlsx_neutralise_formulas_in_names(owner):
    collaboration = store.create_collaboration(owner=owner, name="=HYPERLINK(1)")
    party = store.add_party(collaboration=collaboration, name="@SUM(A1)")
    respond(party, FormId.LEARNING, FormId.LEARNING)

    first = list(csv.reader(io.StringIO(csv_text(collaboration, "en"))))[1]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(collaboration, "en")))["answers"]

    assert first[:2] == ["'=HYPERLINK(1)", "'@SUM(A1)"]
    assert sheet["A2"].value == "'=HYPERLINK(1)" and sheet["A2"].data_type == "s"


def test_xlsx_has_one_sheet_per_view_with_pooled_profiles(seeded):
    result = store.results(seeded, "en")

    book = load_workbook(io.BytesIO(xlsx_bytes(seeded, "en")))

    assert book.sheetnames == ["answers", "profiles", "divergence", "agenda", "agreements"]
    assert book["answers"].max_row == 1 + (RESPONDENTS + 1) * STATEMENTS
    profiles = list(book["profiles"].iter_rows(values_only=True))
    assert profiles[0][:4] == ("party", "respondents", "pooled from", "view")
    assert [row[0] for row in profiles[1::2]] == [
        "Collaboration as a whole",
        "Gemeente",
        "Ziekenhuis",
        "Huisartsen",
        "<script>alert(1)</script>",
    ]
    assert "Kleine partij" not in {row[0] for row in profiles}  # too few, not shown
    divergence = list(book["divergence"].iter_rows(values_only=True))
    assert len(divergence) == 1 + 2 * (len(result.parties) + 1)
    assert divergence[len(result.parties) + 1][1] == "spread"
    assert book["agenda"].max_row == 1 + len(result.agenda)
    agreements = list(book["agreements"].iter_rows(values_only=True))
    assert len(agreements) == 1 + len(result.agreements)
    assert agreements[1][3:] == ("yes", "Getekend op 3 maart")


def test_xlsx_in_dutch_has_dutch_sheet_names(seeded):
    book = load_workbook(io.BytesIO(xlsx_bytes(seeded, "nl")))

    assert book.sheetnames == ["antwoorden", "profielen", "spreiding", "agenda", "afspraken"]


# ----------------------------------------------------------------------------- downloads


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("path", "content_type", "filename", "start"),
    [
        ("report.html", "text/html; charset=utf-8", "report.html", b"<!DOCTYPE html>"),
        ("report.pdf", "application/pdf", "report.pdf", b"%PDF-"),
        ("export.csv", "text/csv; charset=utf-8", "answers.csv", b"collaboration,party,"),
        ("export.json", "application/json", "export.json", b'{\n  "format"'),
        (
            "export.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "data.xlsx",
            b"PK",
        ),
    ],
)
def test_owner_downloads_each_file_as_an_attachment(
    seeded, owner, path, content_type, filename, start
):
    response = logged_in(owner).get(f"/c/{seeded.pk}/{path}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="grondvorm-regio-zorg-{filename}"'
    )
    assert response.content.startswith(start)


def test_another_facilitator_gets_404_and_a_visitor_the_login_page(seeded, other):
    for path in ("report.pdf", "report.html", "export.csv", "export.xlsx", "export.json"):
        assert logged_in(other).get(f"/c/{seeded.pk}/{path}").status_code == 404
        visitor = Client().get(f"/c/{seeded.pk}/{path}")
        assert visitor.status_code == 302 and visitor["Location"].startswith("/login/")


def test_unknown_download_format_is_404(seeded, owner):
    client = logged_in(owner)

    assert client.get(f"/c/{seeded.pk}/report.docx").status_code == 404
    assert client.get(f"/c/{seeded.pk}/export.xml").status_code == 404


def test_download_name_is_safe_for_any_collaboration_name(owner):
    collaboration = store.create_collaboration(owner=owner, name='../"Zorg" <b>\r\nX: y')
    nameless = store.create_collaboration(owner=owner, name="<>")

    response = logged_in(owner).get(f"/c/{collaboration.pk}/export.json")

    assert (
        response["Content-Disposition"] == 'attachment; filename="grondvorm-zorg-b-x-y-export.json"'
    )
    named = logged_in(owner).get(f"/c/{nameless.pk}/export.csv")["Content-Disposition"]
    assert named == f'attachment; filename="grondvorm-collaboration-{nameless.pk}-answers.csv"'


def test_results_page_links_the_downloads_for_the_owner_only(seeded, owner):
    store.enable_sharing(seeded, True)
    seeded.refresh_from_db()

    own = logged_in(owner).get(f"/c/{seeded.pk}/results/").content.decode()
    shared = Client().get(f"/s/{seeded.share_token}/").content.decode()

    for path in ("report.pdf", "report.html", "export.xlsx", "export.csv", "export.json"):
        assert f'href="/c/{seeded.pk}/{path}"' in own
        assert f"/{path}" not in shared
    assert 'id="downloads"' in own and 'id="downloads"' not in shared
