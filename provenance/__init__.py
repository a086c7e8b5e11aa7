"""provenance: version control for transcriptions and translations of historical documents.

The library is usable without the command line::

    from provenance.store import find_store
    store = find_store()                      # records/ found like git finds .git
    v = store.resolve("my-doc/en@1")
    text = store.read_text(v)
"""

__version__ = "0.1.0"
