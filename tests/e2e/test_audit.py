"""The accessibility audit itself: it judges the colours a page settles on."""

FADING_BUTTON = """<!doctype html>
<html lang="nl"><head><title>Knop</title>
<style>
  button { color: #9a9a9a; background: #a5a5a5; transition: color 2s, background-color 2s; }
  button.settled { color: #ffffff; background: #212529; }
</style></head>
<body><main><h1>Knop</h1><button type="button">Groter</button></main></body></html>
"""


def test_a_button_fading_into_its_colours_is_audited_once_it_has_settled(page, assert_accessible):
    # Grey on grey for the first moments of a two-second fade, white on black after it: a
    # person reads the end, and an audit taken half-way would fail on a contrast nobody keeps.
    page.set_content(FADING_BUTTON)
    page.locator("button").evaluate("b => b.classList.add('settled')")
    assert page.evaluate("document.getAnimations().length") > 0, "the fade did not start"
    assert_accessible(page)
    assert page.evaluate("document.getAnimations().length") == 0
