"""Behavioural test cases for the claim extractor, in the spirit of CheckList.

`cases.py` generates the cases from templates (every sentence is invented);
`run.py` runs them and prints the pass rate per capability;
`test_behaviour.py` holds each capability above its floor in eval/behaviour_floors.toml.
"""
