"""Frozen-bundle entry point: runs the `phasegate` command line exactly as the console script does.

`phasegate --bundle-check` (bundle only) checks that the frozen folder carries what the app needs.
"""
import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["--bundle-check"]:
        from bundle_check import run_checks

        sys.exit(run_checks())
    from app.cli import main

    sys.exit(main())
