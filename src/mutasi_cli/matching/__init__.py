"""The core of `mutasi propose`: eligibility, scoring, joint optimal assignment, explanations.

Entry point: :func:`mutasi_cli.matching.propose.propose` (module map in its docstring).
"""
