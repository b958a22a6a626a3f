"""Pipeline stages, one module or package each; data flows one way: read → normalize → parse →
artifacts → actors → article date → events → when → where → quotes (see pipeline.py)."""
