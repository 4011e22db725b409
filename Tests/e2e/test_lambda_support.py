"""Helpers shared by the Lambda end-to-end tests (no tests here): zips, unique names, functions that are Active."""
import io
import itertools
import os
import pathlib
import uuid
import zipfile

ROLE = "arn:aws:iam::000000000000:role/lambda-role"
ACCOUNT = "000000000000"
REGION = "us-east-1"
ROOT = pathlib.Path(__file__).resolve().parents[2]
VENV_PYTHON = str(ROOT / ".venv" / "bin" / "python")
_counter = itertools.count()


def unique(prefix: str = "fn") -> str:
    return f"{prefix}-{os.getpid()}-{next(_counter)}-{uuid.uuid4().hex[:6]}"


def zip_of(files: dict, executable: tuple = ()) -> bytes:
    """A zip of {name: text}; names in `executable` get mode 0755."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = ((0o100755 if name in executable else 0o100644) & 0xFFFF) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def python_function(lam, source: str, name: str | None = None, handler: str = "app.handler", runtime="python3.12",
                    wait: bool = True, **extra) -> str:
    """Creates a Python function from `source` (app.py) and waits until it is Active; answers its name."""
    name = name or unique()
    lam.create_function(FunctionName=name, Runtime=runtime, Role=ROLE, Handler=handler,
                        Code={"ZipFile": zip_of({"app.py": source})}, **extra)
    if wait:
        lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    return name


ECHO = "def handler(event, context):\n    return event\n"
