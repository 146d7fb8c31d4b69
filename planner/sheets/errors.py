"""Why a spreadsheet was refused. Every message names the file, and the sheet, row and column where known."""

from __future__ import annotations

from planner.domain.errors import InputError


class SheetInputError(InputError):
    """A spreadsheet that cannot be imported; the message is shown to the user as is."""


class EmptyFileError(SheetInputError):
    pass


class NotSpreadsheetError(SheetInputError):
    """A PDF, a picture, a Word document… whatever its file name says."""


class EncryptedFileError(SheetInputError):
    """A workbook protected with an opening password."""


class CorruptFileError(SheetInputError):
    """A damaged or truncated file."""


class TooLargeError(SheetInputError):
    """A file or sheet over one of the documented caps (see planner.sheets.limits)."""


class ValueOutOfRangeError(SheetInputError):
    """A figure beyond the bound the planner takes (see planner.domain.figures)."""


class SheetNotFoundError(SheetInputError):
    pass


class EmptySheetError(SheetInputError):
    pass


class NoHeaderError(SheetInputError):
    """No row looks like the header of an appendix table."""


class MergedHeaderError(SheetInputError):
    """A merged header cell spans columns of different meanings."""


class MappingError(SheetInputError):
    """A column mapping (possibly corrected by the user) that cannot be used."""
