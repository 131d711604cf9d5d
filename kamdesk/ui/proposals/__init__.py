"""Proposals in the desktop app: the wizard, the PDF preview, printing and saving as PDF.

The in-app preview rasterizes pages with pypdfium2: Qt PDF (QtPdf) is NOT part of the PySide6
wheels we ship, so `QPdfDocument`/`QPdfView` are unavailable; pdfium renders the same PDF bytes
that are printed or exported, on a worker thread, into QImages the GUI thread only displays.
"""
