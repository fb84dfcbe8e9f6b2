"""The one data file: valid as shipped, and every kind of bad data named clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

from kitlib import kit  # noqa: E402


@pytest.fixture
def data():
    return yaml.safe_load((ROOT / "data" / "kit.yml").read_text(encoding="utf-8"))


def write(tmp_path, data) -> Path:
    path = tmp_path / "kit.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(kit.KitDataError) as raised:
        kit.load(path)
    return str(raised.value)


def test_the_shipped_data_file_is_valid_and_keeps_every_promised_exchange_in_order():
    data = kit.load(ROOT / "data" / "kit.yml")
    promised = yaml.safe_load((ROOT / "content/promised-urls.yml").read_text(encoding="utf-8"))
    exchanges = [anchor for anchor in promised["pages"]["preparation/"] if re.fullmatch(r"echange-\d+", anchor)]
    assert exchanges, "no exchange promised"
    assert [e["id"] for e in data["exchanges"]][: len(exchanges)] == exchanges


def test_a_missing_translation_names_the_file_key_and_language(tmp_path, data):
    del data["exchanges"][1]["question"]["en"]
    path = write(tmp_path, data)
    assert error_for(path) == f"{path}: exchanges[1].question: missing translation 'en'"


def test_a_duplicate_id_names_both_places(tmp_path, data):
    data["roles"][2]["id"] = data["roles"][0]["id"]
    path = write(tmp_path, data)
    assert error_for(path) == (
        f"{path}: roles[2].id: duplicate id 'personne-usagere' (first used at roles[0])"
    )


def test_an_unknown_key_is_named(tmp_path, data):
    data["exchanges"][0]["questoin"] = data["exchanges"][0]["question"]
    path = write(tmp_path, data)
    assert error_for(path) == f"{path}: exchanges[0]: unknown key 'questoin'"


def test_a_wrong_type_says_what_was_expected(tmp_path, data):
    data["exchanges"][2]["number"] = "trois"
    path = write(tmp_path, data)
    assert error_for(path) == f"{path}: exchanges[2].number: wrong type: expected integer, got str"


def test_a_key_written_twice_is_refused(tmp_path):
    path = tmp_path / "kit.yml"
    path.write_text("content_version: '2026.11'\ncontent_version: '2026.12'\n", encoding="utf-8")
    assert error_for(path) == f"{path}: content_version: duplicate key (line 2)"


def test_broken_yaml_and_a_missing_file_are_named(tmp_path):
    path = tmp_path / "kit.yml"
    path.write_text("exchanges: [\n", encoding="utf-8")
    assert error_for(path).startswith(f"{path}: (root): not valid YAML")
    assert "cannot read the file" in error_for(tmp_path / "absent.yml")


def test_a_build_with_bad_data_stops_with_the_message_and_no_traceback(tmp_path, data):
    from conftest import build_site

    del data["exchanges"][0]["title"]["fr"]
    path = write(tmp_path, data)
    result = build_site(tmp_path / "site", env={"KIT_DATA": str(path)})
    assert result.returncode != 0
    assert f"{path}: exchanges[0].title: missing translation 'fr'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_exchange_citing_an_unknown_reference_is_named(tmp_path, data):
    data["exchanges"][0]["references"].append("gouvernanse")
    path = write(tmp_path, data)
    assert error_for(path).startswith(
        f"{path}: exchanges[0].references[2]: unknown reference 'gouvernanse' (known: "
    )


def test_a_prompt_with_an_unknown_dimension_is_named(tmp_path, data):
    data["exchanges"][2]["prompts"][0]["dimension"] = "finance"
    path = write(tmp_path, data)
    assert error_for(path) == (
        f"{path}: exchanges[2].prompts[0].dimension: 'finance' is not one of: gestion, gouvernance, alternative"
    )


def test_two_prompts_with_one_id_in_an_exchange_are_named(tmp_path, data):
    data["exchanges"][1]["prompts"][3]["id"] = data["exchanges"][1]["prompts"][0]["id"]
    path = write(tmp_path, data)
    assert error_for(path) == (
        f"{path}: exchanges[1].prompts[3].id: duplicate id 'partage-du-travail' "
        "(first used at exchanges[1].prompts[0])"
    )


def test_every_item_asks_in_both_languages_a_question_its_scale_answers(data):
    scales = {scale["id"]: scale for scale in data["checklist"]["scales"]}
    for exchange in data["exchanges"]:
        scale = scales[exchange["scale"]]
        for prompt in exchange["prompts"]:
            for lang, ask in prompt["ask"].items():
                assert ask.endswith("?") and ask.count("?") == 1, ask
                assert not set(ask.lower().replace("'", " ").split()[:2]) & kit.OPEN_WORDS[lang], ask
                assert scale.get("topic", {}).get(lang, "").lower() in ask.lower(), ask
                assert ask != prompt["text"][lang]  # the open question stays, as the note's prompt


def test_the_items_whose_rating_question_changed_are_marked_with_this_content_version(data):
    reworded = [prompt["id"] for exchange in data["exchanges"] for prompt in exchange["prompts"]
                if prompt.get("reworded_in") == data["content_version"]]
    scale_of_3 = data["exchanges"][2]["scale"]
    assert reworded == [prompt["id"] for exchange in data["exchanges"] if exchange["scale"] == scale_of_3
                        for prompt in exchange["prompts"]]


def test_an_item_asked_as_an_open_question_is_named(tmp_path, data):
    data["exchanges"][0]["prompts"][0]["ask"]["fr"] = "Comment le financement vous touche-t-il?"
    path = write(tmp_path, data)
    assert error_for(path) == (
        f"{path}: exchanges[0].prompts[0].ask.fr: 'Comment le financement vous touche-t-il?' is an open "
        "question: the scale 'challenge' answers a question asked as yes or no"
    )
    data["exchanges"][2]["prompts"][1]["ask"]["en"] = "Who takes part in decisions?"
    data["exchanges"][0]["prompts"][0]["ask"]["fr"] = "Le financement est-il un enjeu?"
    path = write(tmp_path, data)
    assert error_for(path) == (
        f"{path}: exchanges[2].prompts[1].ask.en: 'Who takes part in decisions?' is an open "
        "question: the scale 'reflection' answers a question asked as yes or no"
    )


def test_an_item_that_asks_two_questions_or_misses_its_scales_topic_is_named(tmp_path, data):
    data["exchanges"][1]["prompts"][2]["ask"]["en"] = "Are there conflicts? Do you handle them?"
    path = write(tmp_path, data)
    assert error_for(path) == (
        f"{path}: exchanges[1].prompts[2].ask.en: must be one question, ending with '?': "
        "'Are there conflicts? Do you handle them?'"
    )
    data["exchanges"][1]["prompts"][2]["ask"]["en"] = "Are there conflicts of interest?"
    path = write(tmp_path, data)
    assert error_for(path) == (
        f"{path}: exchanges[1].prompts[2].ask.en: must name the scale's topic 'issue': 'Are there conflicts of interest?'"
    )


def test_a_bare_yaml_boolean_key_is_named(tmp_path):
    source = (ROOT / "data" / "kit.yml").read_text(encoding="utf-8")
    path = tmp_path / "kit.yml"
    path.write_text(source.replace("    flag_yes:\n", "    yes:\n", 1), encoding="utf-8")
    assert error_for(path) == f"{path}: synthesis.strings: key True is not text (quote it in YAML)"


# -----------------------------------------------------------------------------
# What the site changes in the reference text (content/corrections.yml)
# -----------------------------------------------------------------------------


def changes_error(tmp_path, entries) -> str:
    from kitlib import content

    path = tmp_path / "corrections.yml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(kit.KitDataError) as raised:
        content.changes(path)
    return str(raised.value).replace(f"{path}: ", "")


def test_every_change_has_an_address_of_its_own_and_bad_ones_are_named(tmp_path):
    from kitlib import content

    shipped = content.changes()
    assert len({change["id"] for change in shipped}) == len(shipped)
    missing = [{k: v for k, v in shipped[0].items() if k != "id"}, *shipped[1:]]
    assert changes_error(tmp_path, missing) == "[0].id: expected an id of lowercase letters, digits and hyphens"
    spaced = [shipped[0], {**shipped[1], "id": "Deux mots"}]
    assert changes_error(tmp_path, spaced) == "[1].id: expected an id of lowercase letters, digits and hyphens"
    twice = [shipped[0], {**shipped[1], "id": shipped[0]["id"]}]
    assert changes_error(tmp_path, twice) == f"[1].id: duplicate id '{shipped[0]['id']}' (first used at [0].id)"
