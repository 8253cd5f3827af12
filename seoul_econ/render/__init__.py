"""Renderers: data → text. `records` builds the JSON contract; `machine` writes json/ndjson/csv;
`terminal` draws rich tables (rich is imported only there)."""
