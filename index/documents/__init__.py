"""File to records: read a corpus file (text or PDF), clean the extraction artefacts, parse
the three header layouts and the 2024-2026 extraction into records, and merge the
parliament's official metadata beside it. Knows nothing of Whoosh or the index."""
