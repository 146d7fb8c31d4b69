"""The domain: plain types and pure rules (model, periods, target text, office names, the status
engine, figures, safe text, errors). Imports nothing else of the project, so every layer may use it.
"""
