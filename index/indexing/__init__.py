"""Records to index: the Dutch analyzers, the schema and packed postings codec, the
incremental writer with its durable commit path and write lock, the index store (opening,
version check), the check, and the reads below Whoosh's public API. Whoosh pickles the
analyzer and codec classes by their module path, so moving one is a schema change."""
