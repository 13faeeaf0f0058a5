"""Parsing briefs into citable passages: the bottom layer of citebot."""
