"""Near-copy detection: which articles are one story republished.

Its own stage, below both users: the store calls it while writing an article
(each article joins the story of its earlier copies), and `analyze` reads the
stories the store made. Pure functions, text in and signature out.
"""
