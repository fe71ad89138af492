"""teikit: a TEI-XML scholarly edition toolkit."""

from pathlib import Path

__version__ = "0.1.0"

#: The project folder that holds xslt/ and schema/ (the package is installed editable).
HOME = Path(__file__).resolve().parent.parent
XSLT_DIR = HOME / "xslt"
SCHEMA_DIR = HOME / "schema"
