"""Reading scanned notices: image-only PDFs and photos or scans of the pages (PNG, JPEG, TIFF).

The optional OCR component (tesserocr, which carries Tesseract, and the chi_sim model)
recognises the text. Modules:

- `engine`: whether the component is installed, what to tell the user when it is not, and
  Tesseract itself: the lines of a page with each character's confidence, the text of a cell.
- `imaging`: a page as Tesseract should see it: red print (the 红头, the seal) taken out,
  uneven light evened, turned upright and straightened; where the seals were.
- `tables`: the ruled tables of a page image, as lattices of cells.
- `corrections`: the confusions OCR makes in notices (〔 read as 【, — as 一, O for 0),
  put right in the recognised text only.
- `layout`: recognised lines joined into paragraphs, tables into grids, as a `NoticeDocument`.
- `reader`: the page job the reading worker runs, and the caller's loop over the pages with
  progress and cancelling.
"""
