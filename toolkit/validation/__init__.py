"""Validation: RELAX NG, Schematron and the rules every TEI file is held to."""
