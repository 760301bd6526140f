"""Audit a folder of internal documents into a ranked report (``cultureclient audit``).

One step per module: ``run`` reads and analyses the files, ``profile`` turns each result into
a document profile, ``evidence`` picks the sentences to quote, ``ranking`` orders the
documents, ``corpus`` sums the folder up, ``records`` holds the data and its JSON contract.
"""

from __future__ import annotations

from cultureclient.audit.records import AuditReport, DocumentProfile
from cultureclient.audit.run import audit

__all__ = ["AuditReport", "DocumentProfile", "audit"]
