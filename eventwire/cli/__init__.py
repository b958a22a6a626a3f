"""The command line: thin commands over library functions (``commands.py``), their arguments
and help (``parsers.py``).

Exit codes: 0 all good, 1 some input failed, 2 usage error or a store another process holds
(one line: who holds it and what to do instead).
"""

from __future__ import annotations

import sys

from ..errors import EventwireError, StoreBusy
from .commands import busy_line
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
    except StoreBusy as error:
        print(f"eventwire: {busy_line(error, args.command)}", file=sys.stderr)
        return 2
    except EventwireError as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: what was committed stays
        print("eventwire: stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
