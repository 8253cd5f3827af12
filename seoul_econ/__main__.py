"""`python -m seoul_econ`."""

from .fastlane import main

if __name__ == "__main__":
    main()
