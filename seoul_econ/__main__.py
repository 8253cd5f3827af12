"""`python -m seoul_econ`."""

from .fastlane import run

if __name__ == "__main__":
    run()
