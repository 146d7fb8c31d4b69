"""A server database named by a URL (`postgresql://account@host:port/database?sslmode=require`)."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.errors import InputError

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(db: object) -> bool:
    return isinstance(db, str) and db.lower().startswith(SCHEMES)


@dataclass(frozen=True)
class ServerLocation:
    url: str
    account: str
    host: str
    port: int | None
    database: str

    @classmethod
    def parse(cls, url: str) -> ServerLocation:
        if not is_server_url(url):
            raise InputError(f"“{url}”不是数据库服务器地址，应写作 postgresql://账号@服务器/数据库。")
        from urllib.parse import unquote, urlsplit  # here: the window's start opens a file, not a URL

        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise InputError(f"数据库服务器地址“{url}”写得不对：{exc}") from None
        if parts.password:
            raise InputError("数据库服务器地址中不能写密码：密码会留在命令记录和进程列表里。"
                             "请去掉密码，程序会从系统密码库读取或询问。")
        database = unquote(parts.path.lstrip("/"))
        if not database or "/" in database:
            raise InputError(f"数据库服务器地址“{url}”没有写数据库名，应写作 postgresql://账号@服务器/数据库。")
        return cls(url, unquote(parts.username or ""), parts.hostname or "", port, database)

    @property
    def key(self) -> str:
        """What the system keyring files the password under."""
        return f"{self.account}@{self.host or 'localhost'}:{self.port or 5432}/{self.database}"

    def label(self) -> str:
        return f"postgresql://{self.key}"
