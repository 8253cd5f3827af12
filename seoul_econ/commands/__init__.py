"""Commands: each a plain function from parsed arguments and a Library to an Answer (answer.py).

No typer and no printing here: the CLI (spec.py, cli.py, fastlane.py) parses, render/emit.py prints."""
