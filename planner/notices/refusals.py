"""Why a notice file could not be read. Every message names the file, and the page or paragraph where known.

All of them derive from `planner.domain.errors.InputError`, as do the refusals the reading
worker itself raises for a file that crashed it, hung or ran out of memory
(`planner.sheets.isolation`): a caller catches InputError and shows the message as it is.
"""

from __future__ import annotations

from planner.domain.errors import InputError


class NoticeInputError(InputError):
    """A notice file that cannot be read; the message is shown to the user as is."""


class NotNoticeError(NoticeInputError):
    """A spreadsheet, a picture, an archive… whatever its file name says."""


class EmptyNoticeError(NoticeInputError):
    pass


class EncryptedNoticeError(NoticeInputError):
    """A Word file or PDF protected with an opening password."""


class DamagedNoticeError(NoticeInputError):
    """A damaged or truncated file."""


class NoticeTooLargeError(NoticeInputError):
    """A file over one of the caps of `planner.notices.caps`, or a part that inflates past them."""


class ScannedNoticeError(NoticeInputError):
    """A PDF without a text layer: pictures of pages."""


class NoArticleError(NoticeInputError):
    """A web page in which no article text was found."""


class UnsupportedNoticeError(NoticeInputError):
    """A format read only with help the machine lacks (.doc without LibreOffice) or not at all (.ofd)."""
