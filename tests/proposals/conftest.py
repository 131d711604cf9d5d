"""Fixtures for the proposal tests: sample documents, rendered PDFs, and the PDF tools
(poppler's pdftotext/pdffonts/pdfinfo, qpdf) that look at them the way a reader would."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kamdesk.proposals import ProposalDoc, render_proposal
from kamdesk.proposals.samples import LONG_CLIENT_NAME, sample_proposal
from tests.proposals.pdfcheck import POPPLER_TOOLS, Poppler

@pytest.fixture(scope="session")
def poppler() -> Poppler:
    missing = [tool for tool in POPPLER_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"poppler-utils not installed ({', '.join(missing)} missing): apt-get install poppler-utils")
    return Poppler()


@pytest.fixture(scope="session")
def qpdf() -> str:
    path = shutil.which("qpdf")
    if path is None:
        pytest.skip("qpdf not installed: apt-get install qpdf")
    return path


@pytest.fixture(scope="session")
def long_doc() -> ProposalDoc:
    """Ten products and a 60+ character company name."""
    return sample_proposal(client_name=LONG_CLIENT_NAME)


@pytest.fixture(scope="session")
def long_pdf(long_doc: ProposalDoc, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("proposal") / "long.pdf"
    render_proposal(long_doc, out=path)
    return path


@pytest.fixture(scope="session")
def short_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("proposal") / "short.pdf"
    render_proposal(sample_proposal(products=3), out=path)
    return path
