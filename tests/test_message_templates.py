"""messages.placeholders and messages.literal_text: the named fields of a
default-message template, read from its literal text (SRB102, later SRB104)."""

from __future__ import annotations

import ast

import pytest
from flake8_sched_robustness import messages

I18N = frozenset({"_"})


@pytest.mark.parametrize(
    "template, names",
    [
        ("No valid host was found. %(reason)s", {"reason"}),
        ("Volume {volume_id} was not found on {host}.", {"volume_id", "host"}),
        ("{volume.id} in {names[0]} and {name!r:>10}", {"volume", "names", "name"}),
        ("positional only: %s {0} {}", set()),
        ("mixed %(a)s and {b}", {"a", "b"}),
        ("unbalanced { brace and %(kept)s", {"kept"}),
        ("%(not an identifier)s", set()),
        ("no fields at all", set()),
    ],
)
def test_placeholders_are_the_named_fields(template, names):
    assert messages.placeholders(template) == frozenset(names)


@pytest.mark.parametrize(
    "source, text",
    [
        ('"plain"', "plain"),
        ('_("translated %(x)s")', "translated %(x)s"),
        ('"glued " + "together"', "glued together"),
        ('_("a") + "b"', "ab"),
        ('"%s" % name', None),
        ("name", None),
        ("other('x')", None),
        ("42", None),
    ],
)
def test_literal_text_reads_only_text_written_out_whole(source, text):
    value = ast.parse(source, mode="eval").body
    assert messages.literal_text(value, I18N) == text
