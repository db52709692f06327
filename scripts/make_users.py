"""Create or change the app's users file (hashed passwords and roles; kept outside git in ``var/``).

``python scripts/make_users.py demo``
    Create the users file with the documented demo users (adviseur/adviseur-demo,
    projectleider/projectleider-demo, evaluator/evaluator-demo) if it does not exist yet. The app does
    the same on its first start.
``python scripts/make_users.py add NAME --role adviseur [--role projectleider] [--name "Full name"] [--wsp REGION]``
    Add a user, or replace the user of that name. ``--wsp`` puts an adviser in the WSP of an
    arbeidsmarktregio (e.g. ``Midden-Utrecht``) in the app's store, whose shortlists they then share. The password is asked twice without echo, or read
    from the first line of standard input with ``--password-stdin``. Adding a user ends demo mode.
``python scripts/make_users.py list``
    Show users and roles (never passwords).

``--file PATH`` chooses the file (default: ``$BANENMATCH_USERS``, else ``var/users.yaml``).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from matcher.errors import SchemaError  # noqa: E402
from webapp.auth import Role, User, ensure_users_file, read_users, write_user  # noqa: E402
from webapp.settings import Settings  # noqa: E402
from webapp.teams import Teams, check_wsp  # noqa: E402


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise SchemaError("the two passwords differ; nothing was changed")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create or change the banenmatch app's users file.")
    parser.add_argument("--file", type=Path, default=None, help="users file (default: var/users.yaml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="create the file with the demo users if it does not exist")
    add = sub.add_parser("add", help="add or replace a user")
    add.add_argument("username")
    add.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    add.add_argument("--name", default=None, help="name shown in the app (default: the user name)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--wsp", default=None, help="arbeidsmarktregio whose WSP the adviser works for")
    sub.add_parser("list", help="show users and roles")
    args = parser.parse_args(argv)
    path = args.file or Settings.from_env().users_file
    try:
        if args.command == "demo":
            created = ensure_users_file(path)
            print(f"{'created' if created else 'kept the existing'} {path}")
        elif args.command == "add":
            password = _password(args.password_stdin)
            roles = tuple(Role(r) for r in dict.fromkeys(args.role))
            wsp = check_wsp(args.wsp) if args.wsp else None
            write_user(path, User(args.username, password, roles, args.name or args.username))
            print(f"saved user {args.username.strip().lower()} ({', '.join(roles)}) in {path}")
            if wsp:
                Teams(Settings.from_env().store_url).assign(args.username.strip().lower(), wsp)
                print(f"{args.username.strip().lower()} works for WSP {wsp}")
        else:
            users = read_users(path)
            for name, entry in sorted(users.credentials["usernames"].items()):
                print(f"{name}\t{', '.join(entry['roles'])}\t{entry.get('name', '')}")
            if users.demo:
                print("(demo users: change them with 'add' before real use)")
    except (SchemaError, OSError) as exc:
        print(f"make_users: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
