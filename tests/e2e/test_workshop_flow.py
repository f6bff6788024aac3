"""End to end in headless chromium, as people click through grondvorm.

A facilitator sets up a collaboration with three parties, three respondents fill in the scan
through their invitation links (one stops halfway and resumes in a fresh browser), and the results
page shows the map, the heat map, the agenda and the agreements checklist. Around it: another
facilitator cannot see the collaboration, and the respondent's pages work without JavaScript, in
English, by keyboard, with labelled radios and on a phone.

Selectors use names, values and ids rather than visible text: the interface is being translated.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import FACILITATORS, PASSWORD
from tests.e2e.helpers import (
    INSTRUMENT,
    answer_pages,
    api,
    fill_page,
    login,
    page_number,
    persona,
    press,
    start_scan,
    statements_on_page,
    submit_via_api,
)

from grondvorm.forms import FormId, load_catalogue

pytestmark = pytest.mark.browser

ANNA, BRAM = FACILITATORS
NAME = "Wonen met zorg Oost"
DESCRIPTION = (
    "Drie woningcorporaties, de gemeente en de zorgaanbieder wisselen kennis en ervaringen uit "
    "over wonen met zorg. Ze starten samen pilots in twee wijken en leren van elkaar in een open "
    "netwerk van gelijkwaardige partners. Wat werkt, delen ze met andere regio's."
)
# party → (how its members see the collaboration now, how they want it)
PARTIES = {
    "Gemeente Noord": (FormId.TRANSACTIONAL, FormId.TRANSACTIONAL),
    "Zorggroep Oost": (FormId.LEARNING, FormId.ENTREPRENEURIAL),
    "Woonstichting West": (FormId.FUNCTIONAL, FormId.FUNCTIONAL),
}
FORM_NAMES = {
    form.name for language in ("nl", "en") for form in load_catalogue(language).forms.values()
}


def token_of(invitation_url: str) -> str:
    match = re.search(r"/i/([^/]+)/$", invitation_url)
    assert match, invitation_url
    return match.group(1)


def test_workshop_flow(new_context, server, screenshots):
    """The issue's flow: set up, three respondents (one resumes), results, agreements."""
    anna = new_context().new_page()
    login(anna, ANNA, PASSWORD)

    # A collaboration with a description: the text recognition's first guess is shown beside it.
    anna.fill("#id_name", NAME)
    anna.fill("#id_description", DESCRIPTION)
    expect(anna.locator("#id_min_respondents")).to_have_value("2")
    anna.click("main form button[type=submit]")
    expect(anna).to_have_url(re.compile(r"/c/\d+/$"))
    collaboration_url = anna.url
    expect(anna.locator("h1")).to_have_text(NAME)
    expect(anna.locator("p.prewrap")).to_have_text(DESCRIPTION)
    guess = anna.locator('section[aria-labelledby="guess-title"]')
    expect(guess.locator("p.big")).to_have_count(1)
    assert guess.locator("p.big").inner_text().strip() in FORM_NAMES
    expect(guess.locator("ul.plain li")).to_have_count(4)

    # Three parties, each with an invitation link and a QR code.
    for count, party in enumerate(PARTIES, start=1):
        anna.fill("#id_name", party)
        anna.click("form.row button[type=submit]")
        expect(anna.locator("tr.party-row")).to_have_count(count)
    links = {}
    for row in anna.locator("tr.party-row").all():
        links[row.locator("th").inner_text().strip()] = row.locator("input.copy").input_value()
    assert set(links) == set(PARTIES)
    assert all(re.fullmatch(rf"{server.base_url}/i/[\w-]+/", url) for url in links.values()), links
    expect(anna.locator("tr.party-row img[src$='qr.svg']")).to_have_count(3)
    north, east, west = PARTIES
    answers = {party: persona(*forms) for party, forms in PARTIES.items()}

    # Two respondents answer the whole scan in one go.
    for party in (east, west):
        context = new_context()
        page = context.new_page()
        start_scan(page, links[party])
        answer_pages(page, answers[party])
        context.close()

    # The third stops halfway: four pages answered, then "save and continue later".
    context = new_context()
    page = context.new_page()
    start_scan(page, links[north])
    answer_pages(page, answers[north], until=4)
    first_page = INSTRUMENT.statements[0:4]
    fill_page(page, answers[north])
    press(page, "later", re.compile(r"/r/[^/]+/saved/$"))
    resume_url = page.locator("input.copy").input_value()
    assert re.fullmatch(rf"{server.base_url}/r/[\w-]+/", resume_url), resume_url
    expect(page.locator("main")).to_contain_text("16")
    context.close()

    # Later, in a fresh browser, the personal link continues at the first unanswered page...
    context = new_context()
    page = context.new_page()
    page.goto(resume_url)
    expect(page).to_have_url(re.compile(r"/5/$"))
    expect(page.locator("progress")).to_have_attribute("value", "16")
    # ...and going back to page 1, the answers given before are still there.
    for number in (4, 3, 2, 1):
        press(page, "previous", re.compile(rf"/{number}/$"))
    for statement in first_page:
        now, desired = answers[north][statement.id]
        expect(page.locator(f'input[name="{statement.id}-now"][value="{now}"]')).to_be_checked()
        expect(
            page.locator(f'input[name="{statement.id}-desired"][value="{desired}"]')
        ).to_be_checked()
    expect(page.locator(f'input[name="{first_page[0].id}-now"]:checked')).to_have_count(1)
    page.goto(resume_url)
    expect(page).to_have_url(re.compile(r"/5/$"))
    answer_pages(page, answers[north])
    context.close()

    # One more respondent for two parties through the JSON API, so their own results show
    # (default minimum 2); the third party keeps one respondent and stays hidden.
    for party in (north, east):
        submit_via_api(server, token_of(links[party]), answers[party])

    anna.goto(collaboration_url)
    submitted = {
        row.locator("th").inner_text().strip(): row.locator("td").first.inner_text().strip()
        for row in anna.locator("tr.party-row").all()
    }
    assert submitted == {north: "2", east: "2", west: "1"}
    anna.screenshot(path=str(screenshots / "collaboration.png"), full_page=True)

    # The results page: alignment, the 2×2 map, the agenda, the heat map, profiles.
    anna.goto(collaboration_url + "results/")
    expect(anna.locator("#alignment .alignment-score")).to_have_count(2)
    map_svg = anna.locator("#map svg")
    expect(map_svg).to_have_count(1)
    expect(map_svg).to_be_visible()
    map_text = map_svg.text_content() or ""
    assert north in map_text and east in map_text, map_text
    assert west not in map_text  # one respondent: not shown, not even pooled
    heatmaps = anna.locator("#heatmap svg")
    expect(heatmaps).to_have_count(2)
    for index in range(2):
        labels = heatmaps.nth(index).locator("text.row-label:not(.spread)")
        assert sorted(labels.all_text_contents()) == sorted([north, east])
        expect(heatmaps.nth(index).locator("rect.cell")).not_to_have_count(0)
    topics = anna.locator("#agenda li.topic")
    expect(topics.first).to_be_visible()
    assert 1 <= topics.count() <= 7
    expect(topics.first.locator("h3")).not_to_be_empty()
    expect(anna.locator("#profiles tr.party-profile")).to_have_count(2)
    expect(anna.locator("#profiles tr.overall")).to_have_count(1)
    anna.screenshot(path=str(screenshots / "results.png"), full_page=True)

    # Tick one agreement with a note, save, reload: it is kept.
    agreement = anna.locator("#agreements form.agreement").first
    item_index = agreement.locator('input[name="item"]').input_value()
    form_id = agreement.locator('input[name="form"]').input_value()
    note = "Besproken op 12 maart: elk kwartaal een gezamenlijke leerbijeenkomst."
    agreement.locator('input[name="done"]').check()
    agreement.locator("textarea[name=note]").fill(note)
    agreement.locator("button[type=submit]").click()
    expect(anna).to_have_url(re.compile(r"/results/#agreements$"))
    anna.reload()
    kept = anna.locator(
        f'#agreements form.agreement:has(input[name="form"][value="{form_id}"])'
        f':has(input[name="item"][value="{item_index}"])'
    )
    expect(kept).to_have_count(1)
    expect(kept.locator('input[name="done"]')).to_be_checked()
    expect(kept.locator("textarea[name=note]")).to_have_value(note)
    expect(anna.locator('#agreements input[name="done"]:checked')).to_have_count(1)


def test_other_facilitator_cannot_open_the_collaboration(new_context, server):
    status, created = api(
        server,
        "POST",
        "/api/v1/collaborations",
        {"name": "Alleen voor Anna", "description": ""},
        token=server.token,
    )
    assert status == 201, created
    number = created["id"]
    bram = new_context().new_page()
    login(bram, BRAM, PASSWORD)
    expect(bram.locator("main")).not_to_contain_text("Alleen voor Anna")
    for path in (f"/c/{number}/", f"/c/{number}/results/", f"/c/{number}/live/"):
        response = bram.goto(path)
        assert response is not None and response.status == 404, path
        assert "Alleen voor Anna" not in bram.content()


@pytest.fixture(scope="module")
def invitation_url(server) -> str:
    """A party's invitation link in a collaboration made through the API."""
    status, created = api(
        server, "POST", "/api/v1/collaborations", {"name": "Scanproef"}, token=server.token
    )
    assert status == 201, created
    status, party = api(
        server,
        "POST",
        f"/api/v1/collaborations/{created['id']}/parties",
        {"name": "Proefpartij"},
        token=server.token,
    )
    assert status == 201, party
    return party["invitation_url"]


def test_scan_works_without_javascript(new_context, invitation_url):
    page = new_context(java_script_enabled=False).new_page()
    start_scan(page, invitation_url)
    ids = fill_page(page, persona(FormId.LEARNING, FormId.LEARNING))
    press(page, "next", re.compile(r"/2/$"))
    expect(page.locator("progress")).to_have_attribute("value", "4")
    press(page, "previous", re.compile(r"/1/$"))
    for statement in ids:
        expect(page.locator(f'input[name="{statement}-now"]:checked')).to_have_count(1)
        expect(page.locator(f'input[name="{statement}-desired"]:checked')).to_have_count(1)


def test_language_switch_on_the_respondent_page(new_context, invitation_url):
    page = new_context().new_page()
    start_scan(page, invitation_url)
    first = page.locator('input[type="radio"][value="1"]').first.locator("xpath=..")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(first).to_contain_text(INSTRUMENT.scale_labels("nl")[1])

    page.click('button[name="language"][value="en"]')
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page_number(page) == 1  # stays on the same page
    expect(first).to_contain_text(INSTRUMENT.scale_labels("en")[1])
    expect(page.locator("fieldset.statement legend").first).to_contain_text(
        INSTRUMENT.statements[0].texts["en"]
    )

    page.click('button[name="language"][value="nl"]')
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(first).to_contain_text(INSTRUMENT.scale_labels("nl")[1])
    expect(page.locator("fieldset.statement legend").first).to_contain_text(
        INSTRUMENT.statements[0].texts["nl"]
    )


def test_scan_by_keyboard_with_labelled_radios(new_context, invitation_url):
    page = new_context().new_page()
    start_scan(page, invitation_url)

    # Every radio has a visible label with text, and the labels work as accessible names.
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input[type=radio]')]
            .filter(r => !r.labels.length || !r.labels[0].innerText.trim()).map(r => r.name)"""
    )
    assert unlabelled == []
    radios = page.locator('input[type="radio"]')
    per_statement = len(INSTRUMENT.scale_labels("nl")) + 1  # the scale and "don't know"
    expect(radios).to_have_count(4 * 2 * per_statement)
    for value, label in INSTRUMENT.scale_labels("nl").items():
        named = page.get_by_role("radio", name=label, exact=True)
        expect(named).to_have_count(8)
        expect(named.first).to_have_attribute("value", str(value))
    groups = page.evaluate(
        """() => [...document.querySelectorAll('input[type=radio]')]
            .every(r => r.closest('fieldset.scale')?.querySelector('legend')?.innerText.trim())"""
    )
    assert groups, "every radio group needs a legend"

    # Tab from the top of the page to the first radio; Space selects it, arrows move along.
    first_statement = statements_on_page(page)[0]
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.type === 'radio' ? document.activeElement.name : null"
        )
        if focused:
            break
    else:
        pytest.fail("Tab never reached a radio button")
    assert focused == f"{first_statement}-now"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused radio has no visible focus outline"
    page.keyboard.press("Space")
    expect(page.locator(f'input[name="{first_statement}-now"][value="1"]')).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(page.locator(f'input[name="{first_statement}-now"][value="2"]')).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f'input[name="{first_statement}-now"][value="3"]')).to_be_checked()
    # Tab leaves the group for the next one: "should be" of the same statement.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == f"{first_statement}-desired"


def test_scan_on_a_phone(new_context, invitation_url, screenshots):
    context = new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    start_scan(page, invitation_url)
    page.tap(f'input[name="{statements_on_page(page)[0]}-now"][value="4"] >> xpath=..')
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"horizontal scrolling on a phone: {widths}"
    assert widths[1] == 390
    expect(page.locator('button[name="action"][value="next"]')).to_be_visible()
    page.screenshot(path=str(screenshots / "scan-mobile.png"), full_page=True)


def test_qr_codes_show_as_images(new_context, server):
    status, created = api(
        server, "POST", "/api/v1/collaborations", {"name": "QR-proef"}, token=server.token
    )
    assert status == 201, created
    path = f"/api/v1/collaborations/{created['id']}/parties"
    status, party = api(server, "POST", path, {"name": "Partij met QR"}, token=server.token)
    assert status == 201, party
    page = new_context().new_page()
    login(page, ANNA, PASSWORD)
    page.goto(f"/c/{created['id']}/")
    image = page.locator("tr.party-row img")
    expect(image).to_have_count(1)
    loaded = image.evaluate("img => img.decode().then(() => img.naturalWidth, () => 0)")
    assert loaded > 0, "the QR code does not load as an image"
