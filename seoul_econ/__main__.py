"""`python -m seoul_econ`."""

from .cli import run

if __name__ == "__main__":
    run()
