"""Whether this install can reach a shared server: psycopg and keyring are an optional component.

The installers' core leaves them out (29 MB installed: libpq with OpenSSL, keyring with cryptography); the Windows
setup's component, the annual-target-planner-server .deb and the `server` extra add them. Every way into a
server database asks `require_client` first, so that without them the clerk is told how to add them instead
of meeting a failed import.
"""

from __future__ import annotations

from planner.domain.errors import DatabaseError
from planner.system.components import component_installed, use_component

COMPONENT_FOLDER = "server"  # beside the installed program: the component's packages

HOW_TO_ADD = ("添加方法：Windows 上重新运行安装程序，在“选择组件”中勾选“共享数据库连接（PostgreSQL）”；"
              "统信 UOS、麒麟等 Linux 上安装 annual-target-planner-server 软件包"
              "（sudo apt install ./annual-target-planner-server_<版本>_amd64.deb）；"
              "从源代码运行时执行 pip install \".[server]\"（python3 dev.py 会自动安装）。")
MISSING = ("连接共享数据库服务器需要“共享数据库连接（PostgreSQL）”组件，本机没有安装这个组件。" + HOW_TO_ADD
           + "单机使用的数据库文件不需要这个组件。")


class ServerClientMissingError(DatabaseError):
    """A postgresql:// database, on an install without the shared server's client."""


def use_client_component() -> None:
    """Put the installed component's folder on the path (the frozen program), before psycopg or keyring is imported."""
    use_component(COMPONENT_FOLDER)


def client_available() -> bool:
    return component_installed(COMPONENT_FOLDER, "psycopg")


def require_client() -> None:
    if not client_available():
        raise ServerClientMissingError(MISSING)


def broken_client(exc: ImportError) -> ServerClientMissingError:
    """psycopg is there but does not load (its libpq missing or damaged)."""
    return ServerClientMissingError(f"共享数据库连接组件无法加载（{exc}）。请重新安装这个组件。{HOW_TO_ADD}")
