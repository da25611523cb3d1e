"""Spanish web pages over the knowledge base (``pages.router``) and their helpers."""
