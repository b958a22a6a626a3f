"""Known-dyad classification (``eventwire classify-pair``): which event links two given actors.

- ``features.py``: hashed parse features of a (source, target) pair of tokens;
- ``dyad.py``: the logistic-regression dyad model over those features;
- ``encoder.py``: the pair encoder (MiniLM with low-rank adapters);
- ``vote.py``: how the lexicon and the two models decide together.
"""
