"""Numbers in pages and PDFs are written with their thousands grouped, as the language does."""

from django.template import Context, Template
from django.utils import translation

from polrad.templatetags.polrad_numbers import grouped


def test_integers_are_grouped_as_the_language_writes_them():
    with translation.override("nl"):
        assert grouped(6224) == "6.224" and grouped(1234567) == "1.234.567"
        assert grouped(999) == "999" and grouped(0) == "0"
    with translation.override("en"):
        assert grouped(6224) == "6,224"


def test_suppressed_cells_texts_and_booleans_stay_as_they_are():
    with translation.override("nl"):
        for value in ["< 5", "*", "—", "Op orde", True, None]:
            assert grouped(value) == value


def test_the_filter_in_a_template_escapes_nothing_it_should_not():
    with translation.override("nl"):
        rendered = Template("{% load polrad_numbers %}{{ n|grouped }} {{ s|grouped }}").render(
            Context({"n": 12000, "s": "<b>"})
        )
    assert rendered == "12.000 &lt;b&gt;"
