"""Reading catalogue YAML safely, with the line of every mapping and key for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import CatalogError

# A real catalogue is well under a megabyte; the limit keeps a hostile file from eating memory.
MAX_CATALOG_BYTES = 20 * 1024 * 1024


# --- YAML with line numbers ------------------------------------------------------------------

class Node(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def _loader_class() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where available

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_object(self, node, deep=False):  # type: ignore[no-untyped-def]
            # An alias re-uses a node already built. The catalogue never needs one, and
            # refusing them stops "billion laughs" expansion before it starts.
            if node in self.constructed_objects:
                raise yaml.constructor.ConstructorError(
                    None, None, "YAML 별칭(*alias)은 쓸 수 없습니다", node.start_mark)
            return super().construct_object(node, deep=deep)

        def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
            mapping = Node()
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in mapping:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"키가 중복됩니다: {key}", key_node.start_mark)
                mapping[key] = self.construct_object(value_node, deep=True)
                mapping.key_lines[key] = key_node.start_mark.line + 1
            return mapping

    LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
    # Dates stay strings: the catalogue's partial dates (2024-06) are parsed by PartialDate,
    # and a full 2024-06-18 must not turn into a datetime.date.
    LineLoader.add_constructor("tag:yaml.org,2002:timestamp", LineLoader.construct_yaml_str)
    return LineLoader


def read_yaml(path: Path, data: bytes | None = None) -> Any:
    import yaml

    text = _decode(path, read_bytes(path) if data is None else data)
    try:
        return yaml.load(text, Loader=_loader_class())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise CatalogError([f"{path}:{line}: YAML: {error.problem or error.context}"]) from None
    except yaml.YAMLError as error:
        raise CatalogError([f"{path}: YAML: {error}"]) from None


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise CatalogError([f"{path}: 파일이 아니라 디렉터리입니다"])
        if size > MAX_CATALOG_BYTES:
            raise CatalogError([f"{path}: 파일이 너무 큽니다 ({size:,}바이트, 최대 {MAX_CATALOG_BYTES:,}바이트)"])
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError([f"{path}: 카탈로그 파일이 없습니다"]) from None
    except OSError as error:
        raise CatalogError([f"{path}: 읽을 수 없습니다 ({error.strerror})"]) from None


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise CatalogError([f"{path}: 텍스트가 아닌 파일입니다 (NUL 바이트)"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError([f"{path}:{line}: UTF-8이 아닌 바이트가 있습니다"]) from None


