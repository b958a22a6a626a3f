"""The command line: thin commands over library functions (``commands.py``), their arguments
and help (``parsers.py``).

Exit codes: 0 all good, 1 some input failed, 2 usage error.
"""

from __future__ import annotations

import sys

from ..errors import EventwireError
from .parsers import build_parser

__all__ = ["build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "db", "unset") is None:
        from ..settings import load_settings

        args.db = load_settings().db
    try:
        return args.run(args)
    except EventwireError as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
