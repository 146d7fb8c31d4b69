"""Errors the user is meant to read.

Every error raised on purpose by `planner` derives from `PlannerError` and carries
a message in Simplified Chinese that says what went wrong and where; the command
line prints it without a traceback and the GUI shows it in a message box.
"""


class PlannerError(Exception):
    """An expected failure with a message for the user."""


class DatabaseError(PlannerError):
    """The database cannot be opened or used as asked."""


class DatabaseInUseError(DatabaseError):
    """Another window or process already has the database open for writing."""


class NewerSchemaError(DatabaseError):
    """The database was written by a newer version of the program."""


class NotFoundError(PlannerError):
    """A plan, task, office or report named by the user does not exist."""


class InputError(PlannerError):
    """User input (a file, a value, an argument) is not acceptable."""


class DamagedDatabaseError(DatabaseError):
    """The database file fails SQLite's integrity check; it is left as it is."""


class PermissionRefusedError(DatabaseError):
    """The database server's roles or row-level policies refused a write for the signed-in account."""


class StaleWriteError(PlannerError):
    """The row was changed by someone else since it was read; the write was refused, nothing changed."""


class PasswordRequiredError(DatabaseError):
    """The database server asks for a password that was not given, or refused the one given."""
