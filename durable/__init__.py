"""Writing files so that they survive a power cut and a full disk.

Shared by the index (`index/indexing/`) and the harvester (`harvest/`), which must not
depend on each other: `durable.writes` holds the fsync helpers and the atomic write,
`durable.diskfull` tells a full disk from other write errors.
"""
