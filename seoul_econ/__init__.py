"""seoul-econ: Seoul's economic-policy programmes from a source-verified catalogue."""

# The one place the version is written: pyproject.toml reads it from here (tool.hatch.version),
# and `--version` prints it without reading package metadata (importlib.metadata costs ~20 ms).
__version__ = "0.1.0"
