"""Every PDF the platform makes is rendered here: a template in, tagged PDF/UA-1 bytes out.

PDF/UA makes a PDF readable by screen readers: a structure tree (headings, paragraphs,
tables, lists from the HTML), MarkInfo, the document language from `<html lang>` and the
`<title>` as the title in the XMP metadata. In WeasyPrint 70 the PDF/UA variant alone leaves
`pdf_tags` at False, so both are passed. tests/polrad/test_pdf_tagging.py checks every kind
of PDF, and that no module renders a PDF another way.
"""

from django.template.loader import render_to_string
from weasyprint import HTML


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
