"""PDF documents (result sheets, tickets, receipts) and their signatures.

Plain library: no Flask, no database. Services pass in already-translated
labels and plain data; this package returns bytes.
"""
