"""``python -m azwa_analysis.cli``: the ``azwa`` command (the benchmarks and tests run it so)."""

from azwa_analysis.cli import main

if __name__ == "__main__":
    main()
