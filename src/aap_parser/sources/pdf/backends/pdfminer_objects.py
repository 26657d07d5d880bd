"""pdfminer's reading of a PDF's objects, made safe against reference cycles.

Used by the structure guard (whichever backend reads the pages) and by the pdfminer backend.
"""

from __future__ import annotations

import logging

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef

_log = logging.getLogger(__name__)


class AcyclicDocument(PDFDocument):
    """A pdfminer document whose objects never resolve in a circle.

    pdfminer resolves a reference by looking objects up until one is not a reference, so an
    object that is a reference to itself (``6 0 obj 6 0 R endobj``), or a ring of them, makes
    it loop forever. Here looking an object up follows such a chain itself, keeping the
    objects it is following (as qpdf and pdf.js do), and a chain that comes back to one of
    them resolves to null, with a logged warning.
    """

    def getobj(self, objid: int) -> object:
        """The object numbered ``objid``, with any chain of bare references followed."""
        obj = super().getobj(objid)
        following = {objid}
        while isinstance(obj, PDFObjRef):
            if obj.objid in following:
                _log.warning("PDF object %d refers back to itself: read as null", objid)
                return None
            following.add(obj.objid)
            obj = super().getobj(obj.objid)
        return obj
