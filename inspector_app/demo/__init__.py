"""Demo and sample data, kept out of the production use cases: a realistic Changzhou workspace
(``workspace``) and sample sheets without a database (``sample_sheets``)."""
