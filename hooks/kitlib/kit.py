"""The kit's one data file (data/kit.yml): loaded, validated and cached.

Every part of the kit that shows its content imports it. A bad file stops
the build with the file, the key path and the reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
DATA_FILE = Path(os.environ.get("KIT_DATA", ROOT / "data" / "kit.yml"))
SCHEMA_FILE = Path(__file__).with_name("kit.schema.json")
LANGUAGES = ("fr", "en")

_cache: dict[tuple[str, float], dict[str, Any]] = {}

# -----------------------------------------------------------------------------
# Errors
# -----------------------------------------------------------------------------


class KitDataError(PluginError):
    """Bad kit data: names the file, the key path and the reason."""

    def __init__(self, path: Path, key_path: str, reason: str):
        self.path, self.key_path, self.reason = path, key_path, reason
        super().__init__(f"{path}: {key_path or '(root)'}: {reason}")


# -----------------------------------------------------------------------------
# Loading
# -----------------------------------------------------------------------------


# Return the validated kit data, read once per change of the file.
def load(path: Path | None = None) -> dict[str, Any]:
    path = Path(path or DATA_FILE)
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError as error:
        raise KitDataError(path, "", f"cannot read the file ({error.strerror})") from None
    if key not in _cache:
        _cache.clear()
        _cache[key] = validate(read_yaml(path), path)
    return _cache[key]


# Parse YAML, refusing duplicate keys, which PyYAML would silently merge.
def read_yaml(path: Path) -> Any:
    # The C parser when PyYAML has it (five times faster on this file).
    class UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def construct_mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise KitDataError(path, str(key), f"duplicate key (line {line})")
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    UniqueKeyLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping
    )
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.load(stream, Loader=UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise KitDataError(path, "", f"not valid YAML: {error}") from None


# -----------------------------------------------------------------------------
# Validation
# -----------------------------------------------------------------------------


# A folder of this machine's temporary files, one per user, for what a build
# keeps for the next one (compiled templates, data that passed the schema).
def cache_folder(name: str) -> Path:
    folder = Path(tempfile.gettempdir()) / f"kit-{name}-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


# Write a file whole or not at all: a build running beside this one may read it meanwhile.
# The text goes to a hidden file of the same folder first, then takes the name at once.
def write_whole(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False) as stream:
        stream.write(text)
    try:
        os.replace(stream.name, path)
    except BaseException:
        Path(stream.name).unlink(missing_ok=True)
        raise


# Check the data against the schema, unless this very data passed this very
# schema before on this machine (each build is a new process, and the check
# is most of the time a build spends on the data).
def _check_schema(data: Any, path: Path) -> None:
    schema_text = SCHEMA_FILE.read_text(encoding="utf-8")
    digest = hashlib.sha256((schema_text + json.dumps(data, sort_keys=True, default=str)).encode()).hexdigest()
    passed = cache_folder("schema") / digest
    if passed.is_file():
        return
    from jsonschema import Draft202012Validator

    errors = sorted(
        Draft202012Validator(json.loads(schema_text)).iter_errors(data),
        key=lambda error: list(map(str, error.absolute_path)),
    )
    if errors:
        first = errors[0]
        raise KitDataError(path, key_path(first.absolute_path), _reason(first))
    passed.touch()


# Check the data against the schema, then the rules a schema cannot say.
def validate(data: Any, path: Path) -> dict[str, Any]:
    _string_keys(data, path, [])
    _check_schema(data, path)
    for collection in ("terms", "references", "exchanges", "roles"):
        _unique_ids(data[collection], collection, path)
    known = {reference["id"] for reference in data["references"]}
    for index, exchange in enumerate(data["exchanges"]):
        _unique_ids(exchange["prompts"], f"exchanges[{index}].prompts", path)
        for position, reference in enumerate(exchange["references"]):
            if reference not in known:
                raise KitDataError(
                    path, f"exchanges[{index}].references[{position}]",
                    f"unknown reference '{reference}' (known: {', '.join(sorted(known))})",
                )
    scales = {scale["id"]: scale for scale in data["checklist"]["scales"]}
    _unique_ids(data["checklist"]["scales"], "checklist.scales", path)
    for index, scale in enumerate(data["checklist"]["scales"]):
        _unique_ids(scale["options"], f"checklist.scales[{index}].options", path)
        for end in ("flag", "calm", "unsure"):
            if end in scale and scale[end] not in {option["id"] for option in scale["options"]}:
                raise KitDataError(path, f"checklist.scales[{index}].{end}",
                                   f"'{scale[end]}' is not one of the scale's options")
    for index, exchange in enumerate(data["exchanges"]):
        if exchange["scale"] not in scales:
            raise KitDataError(path, f"exchanges[{index}].scale",
                               f"unknown scale '{exchange['scale']}' (known: {', '.join(sorted(scales))})")
        for position, prompt in enumerate(exchange["prompts"]):
            _check_ask(prompt["ask"], scales[exchange["scale"]], f"exchanges[{index}].prompts[{position}].ask", path)
    numbers = [exchange["number"] for exchange in data["exchanges"]]
    if numbers != list(range(1, len(numbers) + 1)):
        raise KitDataError(path, "exchanges", f"numbers must run 1, 2, 3…; found {numbers}")
    return data


# An item's `ask` is one question its scale answers: asked as yes or no (not
# opening on a question word) and naming the scale's topic when it has one.
def _check_ask(ask: dict[str, str], scale: dict, where: str, path: Path) -> None:
    for lang, question in ask.items():
        if not question.endswith("?") or question.count("?") != 1:
            raise KitDataError(path, f"{where}.{lang}", f"must be one question, ending with '?': '{question}'")
        opening = question.replace("’", "'").replace("'", " ").lower().split()[:2]
        if set(opening) & OPEN_WORDS.get(lang, set()):
            raise KitDataError(path, f"{where}.{lang}", f"'{question}' is an open question: "
                               f"the scale '{scale['id']}' answers a question asked as yes or no")
        topic = scale.get("topic", {}).get(lang)
        if topic and topic.lower() not in question.lower():
            raise KitDataError(path, f"{where}.{lang}", f"must name the scale's topic '{topic}': '{question}'")


# The words an open question starts with ("Comment…", "À qui…"); a rating
# scale cannot answer it.
OPEN_WORDS = {
    "fr": {"comment", "pourquoi", "quel", "quelle", "quels", "quelles", "qu", "que", "quoi", "qui", "quand", "où",
           "combien", "lequel", "laquelle", "lesquels", "lesquelles"},
    "en": {"how", "what", "which", "who", "whom", "whose", "why", "when", "where"},
}


# YAML 1.1 reads some bare keys (yes, no, on, off) as booleans: refuse them.
def _string_keys(value: Any, path: Path, where: list) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise KitDataError(path, key_path(where), f"key {key!r} is not text (quote it in YAML)")
            _string_keys(item, path, where + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _string_keys(item, path, where + [index])


# Fail on the second use of an id within a collection.
def _unique_ids(items: list[dict], collection: str, path: Path) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item["id"] in seen:
            raise KitDataError(
                path,
                f"{collection}[{index}].id",
                f"duplicate id '{item['id']}' (first used at {collection}[{seen[item['id']]}])",
            )
        seen[item["id"]] = index


# Turn a jsonschema error into a short sentence.
def _reason(error) -> str:
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown key {', '.join(map(repr, extra))}"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        if missing in LANGUAGES:
            return f"missing translation '{missing}'"
        return f"missing key '{missing}'"
    if error.validator == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return f"'{error.instance}' is not one of: {allowed}"
    if error.validator == "type":
        return f"wrong type: expected {error.validator_value}, got {type(error.instance).__name__}"
    return error.message


# Format a key path as exchanges[0].question.en.
def key_path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# -----------------------------------------------------------------------------
# Lookups
# -----------------------------------------------------------------------------


# Return the text of a {fr, en} mapping in one language.
def text(value: dict[str, str], lang: str) -> str:
    if lang not in value:
        raise KitDataError(DATA_FILE, "", f"unknown language '{lang}'")
    return value[lang]


# Return the reference passage with this id, or None.
def reference(data: dict[str, Any], reference_id: str) -> dict[str, Any] | None:
    return next((item for item in data["references"] if item["id"] == reference_id), None)


# Return the exchange with this id, or None.
def exchange(data: dict[str, Any], exchange_id: str) -> dict[str, Any] | None:
    return next((item for item in data["exchanges"] if item["id"] == exchange_id), None)
