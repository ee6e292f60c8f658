"""Reading and writing the index, in two rooms.

`index.documents`: corpus files become records (readers, cleaner, parser, official
metadata, the record model). `index.indexing`: records become the Whoosh index on disk and
are read back (Dutch analysis, schema, postings codec, durable commits, the index store,
the check). `indexing` uses `documents`; `documents` knows nothing of the index.
"""
