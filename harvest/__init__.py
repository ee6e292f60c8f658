"""Bring the parliament's open data (written questions, answer PDFs, metadata) into corpus
files. Knows nothing of the index: it only writes `<zittingsjaar>/<id>.pdf` and `.json`."""
