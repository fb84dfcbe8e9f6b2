"""The model-based test of the storage in the browser: Hypothesis' stateful
testing drives two or three tabs of one origin on the real self-assessment
(type, answer, focus another field, reload, open a tab, step the clock back,
erase), and after every step checks that every text a person typed and did
not themselves erase or replace is stored, or on a screen that warns before
leaving. The Node model (tests/js/answers-model.test.mjs) runs thousands of
sequences with faults; this one shows the page does what the model does."""

from __future__ import annotations

import json
import os
import time

import pytest
from checklist_pages import ITEMS, KEY, LEAVING
from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

pytestmark = pytest.mark.browser

# 60 sequences in every run (the Node model runs 1,500); KIT_BROWSER_EXAMPLES=500 for a deeper look.
# They run in 4 parts of their own seed, which the run's processes share out.
EXAMPLES = int(os.environ.get("KIT_BROWSER_EXAMPLES", 60))
PARTS = 4
FIELDS = [f"{item}.note" for item in ITEMS[:3]] + ["resource"]
WORDS = st.sampled_from(["mot", "Été « ça »", "🌱", "👩‍👩‍👧", "שלום", "\n", "fin."])

# Everything a tab shows of the texts: each field, and each text beside one.
SCREEN = """() => [...document.querySelectorAll('.kit-form textarea, #kit-resource, .kit-conflict__text, .kit-overflow__text')]
  .map(e => e.tagName === 'BLOCKQUOTE' ? e.textContent : e.value)"""


@pytest.fixture
def tabs(browser, base_url):
    """One origin's context and three tabs on the self-assessment, for every example of a part."""
    context = browser.new_context()
    context.set_default_timeout(10_000)
    pages = [context.new_page() for _ in range(3)]
    for page in pages:
        page.clock.install()
    yield base_url + "auto-evaluation/", pages
    context.close()


def until(page, condition: str, seconds: float = 5) -> None:
    """Wait for a condition in a tab that may be in the background, where the
    browser slows its animation frames and timers: ask it from here instead."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"not met in {seconds} s: {condition}"
        time.sleep(0.01)


def opened(page, url: str):
    """The page loaded and its script started (no wait for the network to rest)."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(".kit-checklist--ready")
    return page


class TabsMachine(RuleBasedStateMachine):
    url: str
    pages: list

    @initialize()
    def start(self):
        self.open = [self.pages[0]]
        self.live: list[tuple[str, str]] = []
        self.count = 0
        # The tabs of the last example close; the first erases what it left.
        for page in self.pages[1:]:
            if page.url != "about:blank":
                page.goto("about:blank")
        if self.pages[0].url.startswith(self.url):
            self.erase_in(self.pages[0])
        else:
            opened(self.pages[0], self.url)

    # The erase button, as a click does it (the page asks first; the person says yes).
    def erase_in(self, page):
        page.once("dialog", lambda dialog: dialog.accept())
        page.evaluate("document.querySelector('[data-kit-action=erase]').click()")

    def fresh(self) -> str:
        self.count += 1
        return f"t{self.count}"

    def tab(self, index: int):
        return self.open[index % len(self.open)]

    @rule(index=st.integers(0, 2), field=st.sampled_from(FIELDS), word=WORDS, replace=st.booleans())
    def type(self, index, field, word, replace):
        page = self.tab(index)
        selector = f'[name="{field}"]'
        before = page.input_value(selector)
        text = f"{self.fresh()} {word}" if replace else f"{before} {self.fresh()}{word}"
        page.fill(selector, text)
        self.live = [entry for entry in self.live if entry != (field, before)]
        self.live.append((field, page.input_value(selector)))

    @rule(index=st.integers(0, 2), item=st.sampled_from(ITEMS[:3]), option=st.integers(0, 3))
    def choose(self, index, item, option):
        self.tab(index).locator(f'input[name="{item}"]').nth(option).evaluate("radio => radio.click()")

    @rule(index=st.integers(0, 2), field=st.sampled_from(FIELDS))
    def focus(self, index, field):
        self.tab(index).focus(f'[name="{field}"]')

    @rule(index=st.integers(0, 2))
    def reload(self, index):
        page = self.tab(index)
        if page.evaluate(LEAVING):
            return  # the page warns: the person stays
        page.reload(wait_until="domcontentloaded")
        page.wait_for_selector(".kit-checklist--ready")

    @precondition(lambda self: len(self.open) < 3)
    @rule()
    def open_tab(self):
        page = self.pages[len(self.open)]
        opened(page, self.url)
        self.open.append(page)

    @rule(index=st.integers(0, 2), days=st.integers(1, 400))
    def clock_back(self, index, days):
        page = self.tab(index)
        page.clock.set_system_time((page.evaluate("Date.now()") - days * 86_400_000) / 1000)

    @rule(index=st.integers(0, 2))
    def erase(self, index):
        self.erase_in(self.tab(index))
        self.live = []
        for other in self.open:
            until(other, "() => [...document.querySelectorAll('.kit-form textarea')].every(t => !t.value)")

    @invariant()
    def every_typed_text_is_stored_or_on_a_screen_that_warns(self):
        if not hasattr(self, "live"):
            return
        # Each tab's view of the storage: Chromium hands one tab's write to the others a moment later.
        stored = "\n".join(page.evaluate(f"localStorage.getItem({json.dumps(KEY)}) || ''") for page in self.open)
        screens = [(page, page.evaluate(SCREEN)) for page in self.open]
        for field, text in self.live:
            if not text or json.dumps(text, ensure_ascii=False) in stored:
                continue
            showing = [page for page, shown in screens if text in shown]
            assert showing, f"lost: {text!r} ({field})"
            assert any(page.evaluate(LEAVING) for page in showing), f"on a screen that does not warn: {text!r}"


@pytest.mark.parametrize("part", range(PARTS))
def test_no_typed_text_is_lost_across_tabs_reloads_clock_steps_and_erases(tabs, part):
    url, pages = tabs
    machine = seed(part)(type(f"TabsMachine{part}", (TabsMachine,), {"url": url, "pages": pages}))
    run = machine.TestCase
    run.settings = settings(max_examples=-(-EXAMPLES // PARTS), stateful_step_count=8, deadline=None,
                            suppress_health_check=[HealthCheck.too_slow], database=None)
    run("runTest").runTest()
