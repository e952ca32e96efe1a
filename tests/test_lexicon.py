"""Lexicons: every shipped file loads; bad entries fail with the file, the line and the fix."""

import pytest

from analyzer.errors import LexiconError
from analyzer.lexicon import lexicon_dir, load_lexicon, parse_lexicon
from analyzer.results import PATTERN_IDS

SUPPORT = ("common", "problem_classes", "sanctions")


@pytest.mark.parametrize("name", PATTERN_IDS + SUPPORT)
def test_shipped_lexicons_load(name):
    lexicon = load_lexicon(name)
    assert lexicon.id == name and lexicon.description


def test_terms_match_raw_text_by_offsets_even_inside_longer_words():
    lexicon = load_lexicon("sanctions")
    text = "对其进行了口头批评教育，并推进标本兼治。"
    hits = lexicon.find(text, "level1")
    assert [(h.text, text[h.start:h.end]) for h in hits] == [("口头批评教育", "口头批评教育")]


def test_zero_counts_are_found():
    assert load_lexicon("sanctions").has("给予党纪处分0人，诫勉0人", "zero_count")


def _write(tmp_path, body: str):
    path = tmp_path / "bad.yml"
    path.write_text(body, encoding="utf-8")
    return path


def test_bad_regex_names_file_line_and_fix(tmp_path):
    path = _write(tmp_path, "id: x\nname: x\nscope: item\ndescription: d\ngroups:\n  cue:\n    - 约谈\n    - regex: '补(签'\n")
    with pytest.raises(LexiconError) as caught:
        parse_lexicon(path)
    assert str(caught.value) == (f"{path}:8: groups.cue.1.regex: regex does not compile "
                                 "(missing ), unterminated subpattern at position 1); check brackets and escapes")


def test_unknown_field_is_named(tmp_path):
    path = _write(tmp_path, "id: x\nname: x\nscope: item\ndescription: d\ngroups: {}\ncolour: red\n")
    with pytest.raises(LexiconError, match=r"bad.yml:6: colour: Extra inputs are not permitted"):
        parse_lexicon(path)


def test_broken_yaml_names_the_line(tmp_path):
    path = _write(tmp_path, "id: x\ngroups:\n  cue: [a, b\n")
    with pytest.raises(LexiconError, match=r"bad.yml:4: not valid YAML"):
        parse_lexicon(path)


def test_user_dictionary_ships_with_the_lexicons():
    assert "口头批评教育" in (lexicon_dir() / "userdict.txt").read_text(encoding="utf-8")
